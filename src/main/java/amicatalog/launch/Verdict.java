package amicatalog.launch;

/** What EC2 answered, in words: whether it would (or did) work, and what to do when not. */
public record Verdict(boolean ok, String code, String message, String linkUrl, String linkText) {
  static Verdict success(String message) {
    return new Verdict(true, null, message, null, null);
  }
}
