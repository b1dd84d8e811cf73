package amicatalog.launch;

import amicatalog.actions.LaunchLog;
import amicatalog.actions.StartedInstance;
import amicatalog.web.Layout;
import java.util.List;

/** One entry of the launch log: what was asked, what became of it, and how to do the same again elsewhere. */
public record LaunchResultPage(Layout layout, long id, String status, String statusLabel, String at, String who,
    ImageHeading image, List<Fact> facts, List<StartedInstance> instances, String stateNote, String error,
    String cliCommand, String terraform, String logUrl, String againUrl) {

  /** The label and the CSS class suffix of each status. */
  static String label(String status) {
    return switch (status) {
      case LaunchLog.STARTED -> "started";
      case LaunchLog.PENDING -> "starting…";
      case LaunchLog.FAILED -> "failed";
      case LaunchLog.DRY_RUN_OK -> "dry run passed";
      case LaunchLog.DRY_RUN_FAILED -> "dry run refused";
      case LaunchLog.REFUSED -> "refused before EC2";
      default -> status;
    };
  }

  public String url() {
    return "/launches/" + id;
  }

  /** Whether this entry got as far as a confirmed launch (the others are checks that stopped before). */
  public boolean launch() {
    return started() || pending() || LaunchLog.FAILED.equals(status);
  }

  public boolean started() {
    return LaunchLog.STARTED.equals(status);
  }

  public boolean pending() {
    return LaunchLog.PENDING.equals(status);
  }
}
