package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amicatalog.Main;
import amicatalog.image.Scope;
import amicatalog.sync.SnapshotImageSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {
  Config config(List<String> regions, Set<Scope> scopes, List<String> owners, String endpoint, int port, Duration every) {
    return new Config(new amicatalog.db.Store.SqliteFile(Path.of("x.db")), regions, scopes, owners, endpoint == null ? null : URI.create(endpoint),
        "127.0.0.1", port, every, false, false, List.of(), null, List.of(), null, null);
  }

  @Test
  void durationsAndListsParse() {
    assertThat(Config.parseDuration("6h")).isEqualTo(Duration.ofHours(6));
    assertThat(Config.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Config.parseDuration("0")).isZero();
    assertThatThrownBy(() -> Config.parseDuration("soon")).hasMessageContaining("not a duration");
    assertThat(Config.parseList(" eu-west-1, us-east-1 eu-west-1")).containsExactly("eu-west-1", "us-east-1");
    assertThat(Config.parseScopes("self,community")).containsExactly(Scope.SELF, Scope.COMMUNITY);
    assertThatThrownBy(() -> Config.parseScopes("self,everything")).hasMessageContaining("unknown scope 'everything'");
    assertThatThrownBy(() -> Config.parseScopes("import")).hasMessageContaining("unknown scope");
  }

  @Test
  void validationNamesTheFlagToFix() {
    Set<Scope> defaults = Scope.DEFAULTS;
    assertThat(config(List.of("eu-west-1", "us-gov-west-1"), defaults, List.of(), null, 7070, Duration.ofHours(6)).validate()).isNotNull();
    assertThatThrownBy(() -> config(List.of("Europe"), defaults, List.of(), null, 7070, Duration.ZERO).validate())
        .hasMessageStartingWith("--regions: 'Europe'");
    assertThatThrownBy(() -> config(List.of(), defaults, List.of("125523088429"), null, 7070, Duration.ZERO).validate())
        .hasMessageContaining("--community-owners needs the community scope");
    assertThatThrownBy(() -> config(List.of(), defaults, List.of(), "ftp://x", 7070, Duration.ZERO).validate())
        .hasMessageStartingWith("--endpoint");
    assertThatThrownBy(() -> config(List.of(), defaults, List.of(), null, 70000, Duration.ZERO).validate())
        .hasMessageStartingWith("--port");
    assertThatThrownBy(() -> config(List.of(), defaults, List.of(), null, 7070, Duration.ofMinutes(1)).validate())
        .hasMessageStartingWith("--sync-interval");
  }

  @Test
  void aFileNameCanNameItsRegion() {
    assertThat(SnapshotImageSource.regionFromName("eu-west-1.json.gz")).isEqualTo("eu-west-1");
    assertThat(SnapshotImageSource.regionFromName("images-ap-southeast-6-2026.json")).isEqualTo("ap-southeast-6");
    assertThat(SnapshotImageSource.regionFromName("us-gov-west-1.json")).isEqualTo("us-gov-west-1");
    assertThat(SnapshotImageSource.regionFromName("images.json")).isNull();
  }

  @Test
  void noCommandMeansServe() {
    assertThat(Main.withDefaultCommand(new String[0])).containsExactly("serve");
    assertThat(Main.withDefaultCommand(new String[] {"--port", "8080"})).containsExactly("serve", "--port", "8080");
    assertThat(Main.withDefaultCommand(new String[] {"--help"})).containsExactly("--help");
    assertThat(Main.withDefaultCommand(new String[] {"sync", "--regions", "eu-west-1"})).startsWith("sync");
  }
}
