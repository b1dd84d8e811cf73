package amicatalog.copy;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The "create an image" form: name, description, no-reboot choice and tags (one {@code key=value}
 * a line), with EC2's own limits checked here so mistakes come back as field messages.
 */
record ImageForm(String name, String description, boolean noReboot, String tagsText, Map<String, String> tags,
    Map<String, String> errors) {
  static final String NAME = "name";
  static final String DESCRIPTION = "description";
  static final String TAGS = "tags";
  /** What EC2 accepts in an image name. */
  private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9()\\[\\] ./\\-'@_]{3,128}");
  private static final int MAX_TAGS = 50;

  static ImageForm blank(String name) {
    return new ImageForm(name, "", false, "", Map.of(), Map.of());
  }

  static ImageForm from(Context ctx) {
    String name = text(ctx.formParam(NAME));
    String description = text(ctx.formParam(DESCRIPTION));
    String tagsText = text(ctx.formParam(TAGS));
    Map<String, String> errors = new LinkedHashMap<>();
    if (!NAME_CHARS.matcher(name).matches()) {
      errors.put(NAME, "A name is 3 to 128 characters: letters, digits, spaces and ( ) [ ] . / - ' @ _");
    }
    if (description.length() > 255) errors.put(DESCRIPTION, "A description is at most 255 characters.");
    Map<String, String> tags = new LinkedHashMap<>();
    for (String line : tagsText.split("\\R")) {
      if (line.isBlank()) continue;
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      String value = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (key.isEmpty() || key.length() > 128 || value.length() > 256 || key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        errors.put(TAGS, "Each line is key=value: a key of 1 to 128 characters not starting with aws:, a value of at most 256.");
        break;
      }
      tags.put(key, value);
    }
    if (tags.size() > MAX_TAGS) errors.put(TAGS, "At most " + MAX_TAGS + " tags.");
    return new ImageForm(name, description, ctx.formParam("noReboot") != null, tagsText, tags, errors);
  }

  boolean valid() {
    return errors.isEmpty();
  }

  String error(String field) {
    return errors.get(field);
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }
}
