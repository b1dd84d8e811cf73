package amicatalog.image;

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
  void aWordOfOneLetterOrDigitIsExactWhateverSurroundsIt() {
    for (String text : List.of("a", "a.", "(a)", "a\u200b", "é", "e\u0301")) {
      assertThat(TextSearch.words(text)).as(text).hasSize(1).allMatch(w -> !w.prefix());
    }
    assertThat(TextSearch.words("ab").get(0).prefix()).isTrue();
    assertThat(TextSearch.words("v1.2").get(0)).isEqualTo(new TextSearch.Word(List.of("v1", "2"), true));
  }

  @Test
  void searchSyntaxInUserTextIsJustText() {
    assertThat(TextSearch.of("NEAR(a b)").value()).isEqualTo("near-a* b");
    assertThat(TextSearch.of("say \"hi\" -x col:val").value()).isEqualTo("say* hi* x col-val*");
    assertThat(TextSearch.of("\" * - : (")).isNull();
    assertThat(TextSearch.of("ab\u0000cd").value()).isEqualTo("ab* cd*");
    assertThat(TextSearch.words("a b c d e f g h i j k l m n")).hasSize(14);  // the 200-character limit bounds them
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
    // Pasted from a web page or a terminal: no-break spaces, zero-width spaces, control characters.
    assertThat(TextSearch.of("\u00a0ami-0abc1234\u200b\u0000").value()).isEqualTo("ami-0abc1234");
    assertThat(TextSearch.of("   ")).isNull();
  }
}
