package amicatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.audit.AuditMatrix.Cell;
import amicatalog.audit.AuditMatrix.Status;
import amicatalog.web.Layout;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each kind of matrix cell shows, where its link goes, and what a screen reader calls it. */
class AuditPageTest {
  static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "eu-central-1", "ap-south-1", "sa-east-1", "us-west-2");

  @Test
  void everyCellLinkIsNamedByWhatItDoes() {
    AuditMatrix.Row row = new AuditMatrix.Row("amazon", "al2023-ami-*-arm64", "al2023-ami-2026.1-arm64",
        "2026-05-01T00:00:00.000Z", "eu-west-1", "ami-0000000000000000a", List.of(
            new Cell("eu-west-1", Status.CURRENT, "ami-0000000000000000a", "al2023-ami-2026.1-arm64", "available", "2026-05-01T00:00:00.000Z", 0),
            new Cell("us-east-1", Status.COPYING, "ami-0000000000000000b", "al2023-ami-2026.1-arm64", "pending", "2026-05-02T00:00:00.000Z", 0),
            new Cell("eu-central-1", Status.OLDER, "ami-0000000000000000c", "al2023-ami-2026.0-arm64", "available", "2026-03-01T00:00:00.000Z", 61),
            new Cell("ap-south-1", Status.OLDER, "ami-0000000000000000d", "al2023-ami-2024.0-arm64", "available", "2024-03-01T00:00:00.000Z", 1),
            new Cell("sa-east-1", Status.FAILED, "ami-0000000000000000e", "al2023-ami-2026.1-arm64", "failed", "2026-05-02T00:00:00.000Z", 0),
            new Cell("us-west-2", Status.MISSING, null, null, null, null, 0)));
    AuditMatrix matrix = new AuditMatrix(AuditQuery.ofOwner("amazon"), REGIONS, List.of(row), 1, false, 1, 1);
    AuditPage page = AuditPage.of(new Layout("t", "audit", null, "token", false, null, true), matrix, List.of(), "1 ms", true,
        List.of(), null, new AuditPage.RuleForm("", "", "", false), Map.of());
    Map<String, String> phrases = page.phrases().stream().collect(Collectors.toMap(AuditPage.Phrase::id, AuditPage.Phrase::text));
    List<AuditPage.CellView> cells = page.rows().get(0).cells();

    List<String> names = cells.stream().map(c -> c.name() != null ? c.name() : phrases.get(c.labelledBy())).toList();
    assertThat(names).containsExactly("eu-west-1: newest version", "us-east-1: newest version, still pending",
        "eu-central-1: an older version, 61 days behind", "ap-south-1: an older version, 1 day behind",
        "sa-east-1: newest version failed", "copy to us-west-2");
    assertThat(cells).extracting(AuditPage.CellView::text).containsExactly("✓", "…", "2mo", "1d", "!", "–");
    assertThat(cells).extracting(AuditPage.CellView::css).containsExactly(null, "c-copying", "c-older", "c-older", "c-failed", "c-missing");
    // The image's page by its id alone (the column says the region), and a copy from the newest version's original.
    assertThat(cells.get(0).url()).isEqualTo("/images/ami-0000000000000000a");
    assertThat(cells.get(5).url()).isEqualTo("/images/eu-west-1/ami-0000000000000000a/copy?target=us-west-2");
    // The common kinds are named by reference (a few bytes each), the rare ones spell it out.
    assertThat(cells.get(0).labelledBy()).isNotNull();
    assertThat(cells.get(5).labelledBy()).isNotNull();
  }
}
