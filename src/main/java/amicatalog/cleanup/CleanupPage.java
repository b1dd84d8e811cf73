package amicatalog.cleanup;

import amicatalog.common.Dates;
import amicatalog.web.Layout;
import java.util.List;

/** The clean-up page: the rules, the owned images with their verdicts, what the candidates free, the recent actions. */
public record CleanupPage(Layout layout, Rules rules, String rulesText, String account, String off, List<Row> rows,
    String totals, Outcome outcome, List<Logged> log, String empty) {

  /** The rule form's values. */
  public record Rules(int older, int unlaunched, int superseded, int keep, String price) {}

  /**
   * An owned image: where, its family and standing, age, last launch, snapshots, the instances that
   * run it (from its region's last instances listing), and the verdict.
   */
  public record Row(String region, String imageId, String name, String url, String family, String familyUrl, String age,
      String launched, String newer, String snapshots, String gib, String monthly, String instances, boolean candidate,
      String verdict, String deregisterUrl) {}

  /** What the last clean-up action did (after a confirmation). */
  public record Outcome(String css, String text) {}

  /** A clean-up action of the log: when, who, what, how it went. */
  public record Logged(String at, String who, String what, String status, String detail) {
    static Logged of(amicatalog.actions.ActionLog.Entry e, String what, String detail) {
      return new Logged(Dates.day(e.createdAt()) + " " + e.createdAt().substring(11, 16) + " UTC", e.who(), what, e.status(), detail);
    }
  }
}
