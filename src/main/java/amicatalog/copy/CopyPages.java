package amicatalog.copy;

import amicatalog.image.ImageOwner;
import amicatalog.web.Layout;
import amicatalog.web.Urls;
import java.util.List;

/** The pages of a copy: pick regions, then confirm after the dry runs. */
public final class CopyPages {
  private CopyPages() {}

  /** The image being copied, as both pages show it. */
  public record Source(String label, String imageId, String region, String description, String owner,
      String ownerWarning, String detailUrl) {
    static Source of(CopySource s, ImageOwner owner) {
      return new Source(s.label(), s.imageId(), s.region(), s.description(), owner.label(), owner.warning(),
          Urls.detail(s.region(), s.imageId()));
    }
  }

  public record Holder(String region, String imageId, String url, String state) {}

  public record Target(String region, boolean checked) {}

  /**
   * Step 1. {@code off} says why nothing can be copied (--read-only, no AWS, an unfit image); then
   * the page explains and offers no button. {@code sample} (the demo only) says whose account it acts as.
   */
  public record Form(Layout layout, Source source, List<Holder> holders, List<Target> targets, String off,
      String error, String action, String progressUrl, String sample, Accounts accounts) {}

  /**
   * The account to act in: a choice among those that can see the image when there are several
   * ({@code options} empty otherwise), the chosen one's id (sent with the form) and name. Null in
   * the demo, which acts in none.
   */
  public record Accounts(List<AccountOption> options, String chosen, String chosenLabel) {
    static Accounts of(amicatalog.actions.ActingAccounts acting) {
      if (acting == null) return null;
      List<AccountOption> options = acting.several() ? acting.choices().stream()
          .map(a -> new AccountOption(a.id(), a.display(), a.id().equals(acting.chosen().id()))).toList() : List.of();
      return new Accounts(options, acting.chosen().id(), acting.chosen().display());
    }
  }

  public record AccountOption(String id, String label, boolean selected) {}

  /** A dry run's outcome for one region. */
  public record Check(String region, boolean ok, String message) {}

  /**
   * Step 2: the dry runs' answers, and the confirmation that starts the copies that passed. In the
   * demo there are none: {@code demoCommands} are the dry runs that would be sent (they are not).
   */
  public record Confirm(Layout layout, Source source, List<Check> checks, List<String> allowed, String nonce,
      String action, String backUrl, String button, List<String> demoCommands, Accounts accounts) {}
}
