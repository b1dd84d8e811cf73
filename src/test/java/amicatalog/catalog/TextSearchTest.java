package amicatalog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSearchTest {
  @Test
  void everyWordBecomesAQuotedPrefixPhrase() {
    assertThat(TextSearch.ftsMatch("ecs arm64")).isEqualTo("\"ecs\"* \"arm64\"*");
    assertThat(TextSearch.ftsMatch("  amzn2-ami-ecs  ")).isEqualTo("\"amzn2-ami-ecs\"*");
  }

  @Test
  void ftsSyntaxInUserTextIsJustText() {
    assertThat(TextSearch.ftsMatch("NEAR(a b)")).isEqualTo("\"NEAR(a\"* \"b)\"*");
    assertThat(TextSearch.ftsMatch("k 8")).isEqualTo("\"k\" \"8\"");
    assertThat(TextSearch.ftsMatch("say \"hi\" -x col:val")).isEqualTo("\"say\"* \"hi\"* \"-x\"* \"col:val\"*");
    assertThat(TextSearch.ftsMatch("\" * - : (")).isNull();
    assertThat(TextSearch.ftsMatch("ab\u0000cd")).isEqualTo("\"ab\"* \"cd\"*");
  }

  @Test
  void exactIdsAreRecognised() {
    assertThat(TextSearch.of("ami-0abc1234def567890").kind()).isEqualTo(TextSearch.Kind.IMAGE_ID);
    assertThat(TextSearch.of(" AMI-0ABC1234 ").value()).isEqualTo("ami-0abc1234");
    assertThat(TextSearch.of("125523088429").kind()).isEqualTo(TextSearch.Kind.OWNER_ID);
    assertThat(TextSearch.of("snap-0123456789abcdef0").kind()).isEqualTo(TextSearch.Kind.SNAPSHOT_ID);
    assertThat(TextSearch.of("ami-ecs").kind()).isEqualTo(TextSearch.Kind.FULL_TEXT);
    assertThat(TextSearch.of("   ")).isNull();
  }
}
