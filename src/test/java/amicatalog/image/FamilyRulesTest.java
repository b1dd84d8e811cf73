package amicatalog.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amicatalog.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The family rules on every image of the bundled demo catalog (61,200 real records over 34
 * regions): the built-in Fedora CoreOS rule splits its stable, testing and next streams, and no
 * other image changes family from the name rule's.
 */
class FamilyRulesTest {
  private record Demo(String ownerId, String ownerAlias, String name, String description, String tags) {}

  private static final List<Demo> DEMO = new ArrayList<>();

  @BeforeAll
  static void readDemo() throws IOException {
    for (String region : regions()) {
      try (InputStream in = new GZIPInputStream(FamilyRulesTest.class.getResourceAsStream("/demo/" + region + ".json.gz"))) {
        for (JsonNode i : Json.MAPPER.readTree(in).path("Images")) {
          DEMO.add(new Demo(i.path("OwnerId").asText(null), i.path("ImageOwnerAlias").asText(null), i.path("Name").asText(null),
              i.path("Description").asText(null), null));
        }
      }
    }
    assertThat(DEMO).hasSizeGreaterThan(60_000);
  }

  /** Every region file of the demo, as the build's resources hold them. */
  private static List<String> regions() {
    List<String> regions = new ArrayList<>();
    java.io.File dir = new java.io.File("src/main/resources/demo");
    for (String f : new TreeSet<>(List.of(dir.list()))) if (f.endsWith(".json.gz")) regions.add(f.substring(0, f.length() - 8));
    return regions;
  }

  @Test
  void fedoraCoreOsStreamsAreSeparateFamiliesAndNothingElseChanges() {
    Map<String, TreeSet<String>> fcosFamilies = new TreeMap<>();
    int fcos = 0;
    for (Demo d : DEMO) {
      String key = FamilyRules.BUILT_IN.key(d.ownerId(), d.ownerAlias(), d.name(), d.description(), d.tags());
      boolean isFcos = "125523088429".equals(d.ownerId()) && d.name().startsWith("fedora-coreos-");
      if (!isFcos) {
        assertThat(key).as(d.name()).isEqualTo(Family.key(d.name()));
        continue;
      }
      fcos++;
      String stream = d.description().split(" ")[2];
      assertThat(stream).isIn("stable", "testing", "next");
      assertThat(key).as(d.name()).isEqualTo(Family.key(d.name()) + " [" + stream + "]");
      fcosFamilies.computeIfAbsent(FamilyRule.namePattern(key), k -> new TreeSet<>()).add(FamilyRule.streamOf(key));
    }
    assertThat(fcos).isEqualTo(27_739);
    assertThat(fcosFamilies).containsOnlyKeys("fedora-coreos-*-x86_64", "fedora-coreos-*-aarch64");
    fcosFamilies.values().forEach(streams -> assertThat(streams).containsExactly("next", "stable", "testing"));
  }

  @Test
  void theNewestOfTheStableFamilyIsAStableBuild() {
    String newest = null;
    String newestKey = null;
    for (Demo d : DEMO) {
      String key = FamilyRules.BUILT_IN.key(d.ownerId(), d.ownerAlias(), d.name(), d.description(), d.tags());
      if (!"fedora-coreos-*-x86_64 [stable]".equals(key)) continue;
      if (newest == null || d.name().compareTo(newest) > 0) {
        newest = d.name();
        newestKey = d.description();
      }
    }
    // A stable build is numbered .3.x (testing .2.x, next .1.x).
    assertThat(newest).matches("fedora-coreos-\\d+\\.\\d{8}\\.3\\.\\d+-x86_64");
    assertThat(newestKey).startsWith("Fedora CoreOS stable ");
  }

  @Test
  void aUserRuleNamesTheVersionAndReadsTheStreamFromATag() {
    List<FamilyRule> user = FamilyRules.parse("""
        # our base images
        123456789012  team-base-{version}            tag:Channel
        123456789012  web-{version}-*-x86_64
        """, "rules.txt");
    FamilyRules rules = FamilyRules.withUser(user);
    assertThat(rules.key("123456789012", null, "team-base-1", null, "{\"Channel\":\"beta\"}")).isEqualTo("team-base-* [beta]");
    assertThat(rules.key("123456789012", null, "team-base-2", null, null)).isEqualTo("team-base-*");
    assertThat(rules.key("123456789012", null, "web-7-eu-x86_64", null, null)).isEqualTo("web-*-eu-x86_64");
    // Without the rule, a lone counter is not a version (the name rule keeps team-base-1 its own family).
    assertThat(FamilyRules.BUILT_IN.key("123456789012", null, "team-base-1", null, null)).isEqualTo("team-base-1");
    // Another owner's image of the same name is not the rule's.
    assertThat(rules.key("999999999999", null, "team-base-1", null, null)).isEqualTo("team-base-1");
    assertThat(user.get(0).origin()).isEqualTo("rules.txt line 2");
  }

  @Test
  void aBadRuleSaysWhichLineAndWhy() {
    assertThatThrownBy(() -> FamilyRules.parse("123456789012 team-base-*\n", "rules.txt"))
        .hasMessageContaining("rules.txt line 1").hasMessageContaining("{version}");
    assertThatThrownBy(() -> FamilyRules.parse("\n123456789012 a-{version} stream:x\n", "rules.txt"))
        .hasMessageContaining("rules.txt line 2").hasMessageContaining("tag:KEY or description:REGEX");
    assertThatThrownBy(() -> FamilyRules.parse("me a-{version} description:(unclosed\n", "rules.txt"))
        .hasMessageContaining("does not compile");
    assertThatThrownBy(() -> FamilyRules.parse("123456789012\n", "rules.txt")).hasMessageContaining("OWNER NAME-PATTERN");
  }
}
