package amicatalog.launch;

/** A sentence shown above a launch step, with an optional link that helps act on it. */
public record Notice(String text, String linkUrl, String linkText) {
  static Notice of(String text) {
    return new Notice(text, null, null);
  }
}
