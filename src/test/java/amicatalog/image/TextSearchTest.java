package amicatalog.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSearchTest {
  @Test
  void wordsAreSplitIntoTermsAndArePrefixesUnlessOneCharacter() {
    assertThat(words("ecs arm64")).containsExactly(word(true, "ecs"), word(true, "arm64"));
    assertThat(words("  amzn2-ami-ECS  ")).containsExactly(word(true, "amzn2", "ami", "ecs"));
    assertThat(words("k 8")).containsExactly(word(false, "k"), word(false, "8"));
  }

  @Test
  void aWordOfOneLetterOrDigitIsExactWhateverSurroundsIt() {
    for (String text : List.of("a", "a.", "(a)", "a\u200b", "é", "e\u0301")) {
      assertThat(words(text)).as(text).hasSize(1).allMatch(w -> !w.prefix());
    }
    assertThat(words("ab").get(0).prefix()).isTrue();
    assertThat(words("v1.2").get(0)).isEqualTo(word(true, "v1", "2"));
  }

  @Test
  void otherSearchSyntaxInUserTextIsJustText() {
    assertThat(TextSearch.of("NEAR(a b)").value()).isEqualTo("near-a* b");
    assertThat(TextSearch.of("col:val a* (b)").value()).isEqualTo("col-val* a b");
    assertThat(TextSearch.of("\" * - : (")).isNull();
    assertThat(TextSearch.of("- -- \"\"")).isNull();
    assertThat(TextSearch.of("ab\u0000cd").value()).isEqualTo("ab* cd*");
    assertThat(words("a b c d e f g h i j k l m n")).hasSize(14);  // the 200-character limit bounds them
  }

  @Test
  void quotesMakeAPhraseMinusExcludesAndOrAlternates() {
    assertThat(TextSearch.of("say \"Amazon Linux\" -x col:val").value()).isEqualTo("say* \"amazon linux\" -x col-val*");
    assertThat(TextSearch.of("\"ecs\"").clauses().get(0).anyOf()).containsExactly(new TextSearch.Word(List.of("ecs"), false, true));
    assertThat(TextSearch.of("\"amazon linux").value()).isEqualTo("\"amazon linux\"");  // a quote left open runs to the end
    assertThat(TextSearch.of("-al2023").clauses()).containsExactly(new TextSearch.Clause(List.of(word(true, "al2023")), true));
    assertThat(TextSearch.of("-\"amazon linux\"").value()).isEqualTo("-\"amazon linux\"");
    assertThat(TextSearch.of("a-b").value()).isEqualTo("a-b*");  // a minus inside a word breaks it, as before
    assertThat(TextSearch.of("ubuntu OR debian arm").value()).isEqualTo("ubuntu* OR debian* arm*");
    assertThat(TextSearch.of("ubuntu OR debian OR \"fedora coreos\"").clauses()).hasSize(1);
    // An OR with nothing to join, or next to an exclusion, means nothing; AND is implied; NOT x is -x.
    // Lower case "or", "and" and "not" are words.
    assertThat(TextSearch.of("OR ubuntu").value()).isEqualTo("ubuntu*");
    assertThat(TextSearch.of("ubuntu OR").value()).isEqualTo("ubuntu*");
    assertThat(TextSearch.of("-x OR y").value()).isEqualTo("-x y");
    assertThat(TextSearch.of("a OR OR b").value()).isEqualTo("a OR b");
    assertThat(TextSearch.of("al2023 AND arm64 NOT ecs").value()).isEqualTo("al2023* arm64* -ecs*");
    assertThat(TextSearch.of("OR")).isNull();
    assertThat(TextSearch.of("ubuntu or debian").clauses()).hasSize(3);
  }

  @Test
  void operatorsAloneAreA400ThatSaysWhereTheyGo() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextSearch.check("OR OR"))
        .hasMessage("“OR OR” has only OR, AND or NOT: they go between words (ubuntu OR debian).");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextSearch.check("-"))
        .hasMessage("“-” has no letters or digits to search for.");
  }

  @Test
  void aFewOfAwsWordsAlsoFindWhatAwsNamesOtherwise() {
    TextSearch ecs = TextSearch.of("ecs optimized arm");
    assertThat(ecs.value()).isEqualTo("ecs-optimized* OR ecs arm*");
    assertThat(ecs.synonyms()).containsExactly(new TextSearch.Synonym("ecs optimized", List.of("ecs")));
    assertThat(TextSearch.of("ECS-Optimized").synonyms()).hasSize(1);
    assertThat(TextSearch.of("gpu").value()).isEqualTo("gpu* OR nvidia OR cuda");
    // Quoted or excluded, a word means only itself.
    assertThat(TextSearch.of("\"ecs optimized\"").synonyms()).isEmpty();
    assertThat(TextSearch.of("-gpu").synonyms()).isEmpty();
  }

  @Test
  void theFeedsGetTheSameWordsAsFts5Expressions() {
    java.util.Map<String, Object> values = new java.util.TreeMap<>();
    String condition = TextSearch.of("amzn2-ami-ECS x OR \"k8 s\" -gpu \"NEAR(").ftsCondition("i.id", "t", values);
    assertThat(condition).isEqualTo("i.id IN (SELECT rowid FROM images_fts WHERE images_fts MATCH :t)"
        + " AND i.id NOT IN (SELECT rowid FROM images_fts WHERE images_fts MATCH :t_not)");
    assertThat(values).containsEntry("t", "(\"amzn2\" \"ami\" \"ecs\"*) AND (\"x\" OR \"k8 s\") AND \"near\"")
        .containsEntry("t_not", "\"gpu\"*");
  }

  private static List<TextSearch.Word> words(String text) {
    return TextSearch.of(text).clauses().stream().flatMap(c -> c.anyOf().stream()).toList();
  }

  private static TextSearch.Word word(boolean prefix, String... terms) {
    return new TextSearch.Word(List.of(terms), prefix, false);
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
