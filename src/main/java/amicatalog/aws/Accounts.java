package amicatalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts the catalog lists through and acts in: the credentials' own account alone, or the
 * accounts of an accounts file and/or of the Organization (each reached by assuming a role in it),
 * each with its {@link AwsAccess}. Parsing the file checks everything it can without AWS.
 */
public final class Accounts implements AutoCloseable {
  private static final Set<String> KEYS = Set.of("id", "label", "role", "external_id");

  private final AwsAccess base;
  private final List<Account> fromFile;
  private final String organizationRole;
  private final Map<String, AwsAccess> assumed = new ConcurrentHashMap<>();
  /** The accounts of the last {@link #list()}: who the forms may act as between syncs. */
  private volatile List<Account> lastListed;
  /** The Organization of the last {@link #list()} (o-…), null when none was listed. */
  private volatile String organizationId;

  private Accounts(AwsAccess base, List<Account> fromFile, String organizationRole) {
    this.base = base;
    this.fromFile = List.copyOf(fromFile);
    this.organizationRole = organizationRole;
  }

  /** The credentials' own account, alone: what the catalog did before it knew several. */
  public static Accounts single(AwsAccess base) {
    return new Accounts(base, List.of(), null);
  }

  /** From {@code --accounts FILE} (may be null) and {@code --organization-role NAME} (may be null). */
  public static Accounts of(AwsAccess base, Path file, String organizationRole) {
    if (organizationRole != null && !organizationRole.matches("[\\w+=,.@/-]{1,512}")) {
      throw new IllegalArgumentException("--organization-role: '" + organizationRole + "' is not an IAM role name like ami-catalog-reader");
    }
    return new Accounts(base, file == null ? List.of() : read(file), organizationRole);
  }

  /** Whether more than the credentials' own account is configured. */
  public boolean several() {
    return !fromFile.isEmpty() || organizationRole != null;
  }

  /** The credentials' own account's access: account-wide calls, and the one account of a plain set-up. */
  public AwsAccess home() {
    return base;
  }

  /**
   * The accounts to list now: the file's, then the Organization's active accounts not in the file
   * (asked now, so an account that joined since is listed), else the credentials' own alone.
   * Throws when the Organization cannot be listed (the caller records the run as failed).
   */
  public List<Account> list() {
    List<Account> accounts;
    if (!several()) {
      accounts = List.of(new Account(base.accountId(), null, null, null, Account.Origin.CREDENTIALS));
    } else {
      Map<String, Account> byId = new LinkedHashMap<>();
      fromFile.forEach(a -> byId.put(a.id(), a));
      if (organizationRole != null) {
        String own = base.accountId();
        {
          for (var member : base.organizationAccounts()) {
            if (member.organizationId() != null) organizationId = member.organizationId();
            if (!"ACTIVE".equals(member.status())) continue;
            // The credentials' own account (the management or delegated one) is listed as itself.
            String role = member.id().equals(own) ? null : "arn:aws:iam::" + member.id() + ":role/" + organizationRole;
            byId.putIfAbsent(member.id(), new Account(member.id(), member.name(), role, null,
                role == null ? Account.Origin.CREDENTIALS : Account.Origin.ORGANIZATION));
          }
        }
      }
      accounts = List.copyOf(byId.values());
      if (accounts.isEmpty()) {
        throw new IllegalStateException("The Organization has no ACTIVE account these credentials can list"
            + " (organizations:ListAccounts answered none): are they the management account's, or a delegated administrator's?");
      }
    }
    lastListed = accounts;
    return accounts;
  }

  /** The Organization the last listing found (o-…): sharing with it, or one of its units, stays inside. Null: none listed. */
  public String organizationId() {
    return organizationId;
  }

  /** The accounts known without asking AWS again: the last listed, else the file's, else the credentials' own. */
  public List<Account> known() {
    List<Account> last = lastListed;
    if (last != null) return last;
    if (!fromFile.isEmpty()) return fromFile;
    return List.of(new Account(base.accountId(), null, null, null, Account.Origin.CREDENTIALS));
  }

  /** How to call AWS as this account: the credentials themselves, or through its role. */
  public AwsAccess access(Account account) {
    if (account.roleArn() == null) return base;
    return assumed.computeIfAbsent(account.id(), id -> base.assuming(account.roleArn(), account.externalId()));
  }

  /** The access of a known account; an unknown id is refused (a form's field, a link). */
  public AwsAccess access(String accountId) {
    for (Account a : known()) {
      if (a.id().equals(accountId)) return access(a);
    }
    throw new IllegalArgumentException("account " + accountId + " is not one of the accounts this catalog lists");
  }

  /**
   * Checks that the account answers as itself (STS GetCallerIdentity through its role): a role
   * that is missing or refuses to be assumed fails here, once, rather than in every region.
   */
  public void check(Account account) {
    String answered = access(account).accountId();
    if (!answered.equals(account.id())) {
      throw new IllegalStateException("the credentials for account " + account.id() + " act as account " + answered
          + (account.roleArn() == null ? " (an entry without a role is the credentials' own account)" : ""));
    }
  }

  /** AWS calls made by every account so far, retries counted. */
  public long calls() {
    return base.calls();
  }

  /**
   * Reads an accounts file: a YAML (or JSON) list of entries, at the top or under {@code accounts:},
   * each with {@code id}, optional {@code label}, {@code role} (the role ARN to assume; none for the
   * credentials' own account) and {@code external_id}.
   */
  static List<Account> read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("--accounts " + file + ": " + firstLine(e.getMessage()));
    }
    JsonNode list = root != null && root.isObject() ? root.path("accounts") : root;
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("--accounts " + file + ": expected a list of accounts (id, label, role), at the top"
          + " or under 'accounts:'");
    }
    List<Account> accounts = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    int n = 0;
    for (JsonNode entry : list) {
      n++;
      String where = "--accounts " + file + ", entry " + n + ": ";
      if (!entry.isObject()) throw new IllegalArgumentException(where + "expected id, label and role");
      for (var names = entry.fieldNames(); names.hasNext(); ) {
        String key = names.next();
        if (!KEYS.contains(key)) throw new IllegalArgumentException(where + "unknown key '" + key + "' (known: id, label, role, external_id)");
      }
      String id = text(entry, "id");
      if (id == null || !Account.ID.matcher(id).matches()) {
        throw new IllegalArgumentException(where + "id " + (id == null ? "missing" : "'" + id + "' is not a 12-digit account id")
            + " (quote it, e.g. id: \"012345678901\": unquoted, YAML reads it as a number and drops leading zeros)");
      }
      if (!ids.add(id)) throw new IllegalArgumentException(where + "account " + id + " is listed twice");
      String role = text(entry, "role");
      if (role != null) {
        var m = Account.ROLE_ARN.matcher(role);
        if (!m.matches()) throw new IllegalArgumentException(where + "role '" + role + "' is not a role ARN like arn:aws:iam::" + id + ":role/ami-catalog-reader");
        if (!m.group(1).equals(id)) throw new IllegalArgumentException(where + "role " + role + " is in account " + m.group(1) + ", not " + id);
      }
      String externalId = text(entry, "external_id");
      if (externalId != null && role == null) throw new IllegalArgumentException(where + "external_id goes with a role");
      accounts.add(new Account(id, text(entry, "label"), role, externalId, role == null ? Account.Origin.CREDENTIALS : Account.Origin.FILE));
    }
    return accounts;
  }

  private static String text(JsonNode entry, String key) {
    JsonNode v = entry.get(key);
    if (v == null || v.isNull()) return null;
    String t = v.asText().strip();
    return t.isEmpty() ? null : t;
  }

  private static String firstLine(String message) {
    if (message == null) return "cannot be read";
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    assumed.values().forEach(AwsAccess::close);
    base.close();
  }
}
