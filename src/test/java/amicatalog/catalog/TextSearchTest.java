package amicatalog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSearchTest {
  @Test
  void wordsAreSplitIntoTermsAndArePrefixesUnlessOneCharacter() {
    assertThat(TextSearch.words("ecs arm64")).containsExactly(
        new TextSearch.Word(List.of("ecs"), true), new TextSearch.Word(List.of("arm64"), true));
    assertThat(TextSearch.words("  amzn2-ami-ECS  ")).containsExactly(new TextSearch.Word(List.of("amzn2", "ami", "ecs"), true));
    assertThat(TextSearch.words("k 8")).containsExactly(
        new TextSearch.Word(List.of("k"), false), new TextSearch.Word(List.of("8"), false));
  }

  @Test
  void searchSyntaxInUserTextIsJustText() {
    assertThat(TextSearch.of("NEAR(a b)").value()).isEqualTo("near-a* b*");
    assertThat(TextSearch.of("say \"hi\" -x col:val").value()).isEqualTo("say* hi* x* col-val*");
    assertThat(TextSearch.of("\" * - : (")).isNull();
    assertThat(TextSearch.of("ab\u0000cd").value()).isEqualTo("ab* cd*");
    assertThat(TextSearch.words("a b c d e f g h i j k l m n")).hasSize(12);
  }

  @Test
  void theFeedsGetTheSameWordsAsAnFts5Expression() {
    assertThat(TextSearch.of("amzn2-ami-ECS x k8 \"NEAR(").ftsMatch()).isEqualTo("\"amzn2\" \"ami\" \"ecs\"* \"x\" \"k8\"* \"near\"*");
  }

  @Test
  void exactIdsAreRecognised() {
    assertThat(TextSearch.of("ami-0abc1234def567890").kind()).isEqualTo(TextSearch.Kind.IMAGE_ID);
    assertThat(TextSearch.of(" AMI-0ABC1234 ").value()).isEqualTo("ami-0abc1234");
    assertThat(TextSearch.of("125523088429").kind()).isEqualTo(TextSearch.Kind.OWNER_ID);
    assertThat(TextSearch.of("snap-0123456789abcdef0").kind()).isEqualTo(TextSearch.Kind.SNAPSHOT_ID);
    assertThat(TextSearch.of("ami-ecs").kind()).isEqualTo(TextSearch.Kind.WORDS);
    assertThat(TextSearch.of("   ")).isNull();
  }
}
