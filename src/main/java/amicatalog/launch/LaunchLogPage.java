package amicatalog.launch;

import amicatalog.web.Layout;
import java.util.List;

/** /launches: every launch attempt, newest first. */
public record LaunchLogPage(Layout layout, List<Row> rows, String olderUrl, String offReason) {

  public record Row(long id, String url, String at, String ago, String who, String region, String imageId,
      String imageUrl, String what, String status, String statusLabel, List<String> instanceIds, String error, String account) {}

  /** Whether any launch shown names the account it acted in (an Account column then). */
  public boolean accounts() {
    return rows.stream().anyMatch(r -> r.account() != null);
  }
}
