package amicatalog.cli;

import amicatalog.image.Scope;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Flags shared by the commands; each falls back to an env var, then a default. */
final class Options {
  private Options() {}

  static final class Store {
    @Option(names = "--db", paramLabel = "FILE|URL", defaultValue = "${env:AMI_CATALOG_DB:-ami-catalog.db}",
        // Not ${DEFAULT-VALUE}: that is AMI_CATALOG_DB's value, which --help would print, a password and all.
        description = "SQLite catalog file, or a PostgreSQL database as postgresql://user:password@host:5432/database"
            + " (env AMI_CATALOG_DB; default ami-catalog.db in the working directory)")
    String db;

    /** The store --db names; a SQLite file's folder must exist. */
    amicatalog.db.Store store() {
      amicatalog.db.Store store = amicatalog.db.Store.parse(db);
      if (store instanceof amicatalog.db.Store.SqliteFile f) {
        Path folder = f.file().toAbsolutePath().getParent();
        if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
          throw new IllegalArgumentException("--db " + f.file() + ": the folder " + folder + " does not exist (create it first)");
        }
      }
      return store;
    }
  }

  /** The user's family rules (issue 12): kept in the catalog, so a command without the flag keeps the last file's rules. */
  static final class Families {
    @Option(names = "--family-rules", paramLabel = "FILE", defaultValue = "${env:AMI_CATALOG_FAMILY_RULES:-}",
        description = "Family rules, one a line: OWNER NAME-PATTERN [tag:KEY | description:REGEX], e.g. "
            + "123456789012 web-base-{version}-x86_64 tag:Channel (env AMI_CATALOG_FAMILY_RULES; default: the rules the "
            + "catalog holds from an earlier start; an empty file removes them)")
    String file;

    /** Stores the file's rules in the catalog (re-keying what they change) before anything reads families. */
    void apply(amicatalog.db.Database db) {
      if (file != null && !file.isBlank()) amicatalog.sync.FamilyRuleStore.load(db, Path.of(file.strip()));
    }
  }

  static final class Aws {
    @Option(names = "--regions", paramLabel = "LIST", defaultValue = "${env:AMI_CATALOG_REGIONS:-}",
        description = "Regions to sync, comma-separated (env AMI_CATALOG_REGIONS; default: every region the account has enabled)")
    String regions;

    @Option(names = "--scopes", paramLabel = "LIST",
        defaultValue = "${env:AMI_CATALOG_SCOPES:-self,shared,amazon,marketplace,instances}",
        description = "What to list per region: self, shared, amazon, marketplace, community, instances (env AMI_CATALOG_SCOPES; default ${DEFAULT-VALUE})")
    String scopes;

    @Option(names = "--community-owners", paramLabel = "LIST", defaultValue = "${env:AMI_CATALOG_COMMUNITY_OWNERS:-}",
        description = "Limit the community scope to these owner ids or aliases (env AMI_CATALOG_COMMUNITY_OWNERS)")
    String communityOwners;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:AMI_CATALOG_ENDPOINT:-}",
        description = "EC2 endpoint to use instead of AWS's, e.g. an emulator (the SDK also honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_EC2)")
    String endpoint;

    @Option(names = "--accounts", paramLabel = "FILE", defaultValue = "${env:AMI_CATALOG_ACCOUNTS:-}",
        description = "Accounts to list through, a YAML or JSON list of id, label, role (the role ARN to assume; none for the"
            + " credentials' own account) and optional external_id (env AMI_CATALOG_ACCOUNTS; default: the credentials' account alone)")
    String accountsFile;

    @Option(names = "--organization-role", paramLabel = "NAME", defaultValue = "${env:AMI_CATALOG_ORGANIZATION_ROLE:-}",
        description = "List every active account of the AWS Organization (organizations:ListAccounts) and assume this role"
            + " in each, e.g. ami-catalog-reader (env AMI_CATALOG_ORGANIZATION_ROLE)")
    String organizationRole;

    /** The accounts to list and act in, reached from these credentials; the file is read and checked now. */
    amicatalog.aws.Accounts accounts(amicatalog.aws.AwsAccess base) {
      Path file = accountsFile == null || accountsFile.isBlank() ? null : Path.of(accountsFile.strip());
      if (file != null && !java.nio.file.Files.isReadable(file)) {
        throw new IllegalArgumentException("--accounts " + file + ": no such file (or it cannot be read)");
      }
      String role = organizationRole == null || organizationRole.isBlank() ? null : organizationRole.strip();
      return amicatalog.aws.Accounts.of(base, file, role);
    }

    List<String> regionList() { return Config.parseList(regions); }

    Set<Scope> scopeSet() { return Config.parseScopes(scopes); }

    List<String> communityOwnerList() { return Config.parseList(communityOwners); }

    URI endpointUri() {
      try {
        return endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--endpoint: '" + endpoint + "' is not a URL");
      }
    }
  }

  static final class Web {
    @Option(names = "--host", defaultValue = "${env:AMI_CATALOG_HOST:-127.0.0.1}",
        description = "Address to listen on (env AMI_CATALOG_HOST; default ${DEFAULT-VALUE}: this machine only)")
    String host;

    @Option(names = "--port", defaultValue = "${env:AMI_CATALOG_PORT:-7070}",
        description = "Port to listen on (env AMI_CATALOG_PORT; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--sync-interval", paramLabel = "DURATION", defaultValue = "${env:AMI_CATALOG_SYNC_INTERVAL:-6h}",
        description = "How often serve syncs, e.g. 6h, 30m; 0 turns it off (env AMI_CATALOG_SYNC_INTERVAL; default ${DEFAULT-VALUE})")
    String syncInterval;

    @Option(names = "--demo", description = "Serve the bundled demo catalog (real public AMI data) and never sync")
    boolean demo;

    @Option(names = "--read-only", defaultValue = "${env:AMI_CATALOG_READ_ONLY:-false}",
        description = "Turn off everything that changes AWS (launches, copies)")
    boolean readOnly;

    @Option(names = "--allowed-hosts", paramLabel = "LIST", defaultValue = "${env:AMI_CATALOG_ALLOWED_HOSTS:-}",
        description = "More names the catalog answers to besides 127.0.0.1, localhost, [::1] and --host, e.g. a proxy's"
            + " public name (name or name:port; env AMI_CATALOG_ALLOWED_HOSTS). Requests naming any other host are refused")
    String allowedHosts;

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:AMI_CATALOG_PUBLIC_URL:-}",
        description = "The origin users reach the catalog at, for absolute links in feeds and share links"
            + " (env AMI_CATALOG_PUBLIC_URL; default http://HOST:PORT)")
    String publicUrl;

    @Option(names = "--trusted-owners", paramLabel = "LIST", defaultValue = "${env:AMI_CATALOG_TRUSTED_OWNERS:-}",
        description = "Image owners (account ids or aliases) the launch and copy pages do not warn about, besides"
            + " amazon, aws-marketplace and this account (env AMI_CATALOG_TRUSTED_OWNERS)")
    String trustedOwners;

    @Option(names = "--trusted-proxy-header", paramLabel = "HEADER", defaultValue = "${env:AMI_CATALOG_TRUSTED_PROXY_HEADER:-}",
        description = "Take the signed-in user from this header (e.g. X-Forwarded-User, as oauth2-proxy sends it), only on"
            + " requests from --trusted-proxy (env AMI_CATALOG_TRUSTED_PROXY_HEADER)")
    String trustedProxyHeader;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", defaultValue = "${env:AMI_CATALOG_TRUSTED_PROXY:-}",
        description = "The proxy's address whose --trusted-proxy-header is believed (env AMI_CATALOG_TRUSTED_PROXY)")
    String trustedProxy;

    URI publicUri() {
      try {
        return publicUrl == null || publicUrl.isBlank() ? null : URI.create(publicUrl.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--public-url: '" + publicUrl + "' is not a URL");
      }
    }

    Duration interval() {
      try {
        return Config.parseDuration(syncInterval);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--sync-interval: " + e.getMessage());
      }
    }
  }

  /** One validated Config from the mixins a command has (null for those it lacks). */
  static Config config(Store store, Aws aws, Web web) {
    return new Config(store.store(),
        aws == null ? List.of() : aws.regionList(),
        aws == null ? Scope.DEFAULTS : aws.scopeSet(),
        aws == null ? List.of() : aws.communityOwnerList(),
        aws == null ? null : aws.endpointUri(),
        web == null ? "127.0.0.1" : web.host,
        web == null ? 7070 : web.port,
        web == null ? Duration.ZERO : web.interval(),
        web != null && web.demo,
        web != null && web.readOnly,
        web == null ? List.of() : Config.parseList(web.allowedHosts),
        web == null ? null : web.publicUri(),
        web == null ? List.of() : Config.parseList(web.trustedOwners),
        web == null || web.trustedProxyHeader.isBlank() ? null : web.trustedProxyHeader.strip(),
        web == null || web.trustedProxy.isBlank() ? null : web.trustedProxy.strip())
        .validate();
  }
}
