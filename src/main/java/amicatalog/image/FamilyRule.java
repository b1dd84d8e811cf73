package amicatalog.image;

import amicatalog.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A family rule for one owner's line of images, where the name alone does not say the family:
 * a name pattern with a named version part, {@code fedora-coreos-{version}-*} ({@code *} any
 * text, {@code ?} one character, {@code {version}} the part that changes from version to version),
 * and optionally where the <em>stream</em> is written: in a tag ({@code tag:Channel}) or in the
 * description ({@code description:Fedora CoreOS (\w+)}, the first group of a regular expression).
 *
 * <p>The family key is the name with its version part written as {@code *}, followed by the
 * stream in brackets when there is one: {@code fedora-coreos-*-x86_64 [stable]}. Without a
 * stream the key is the same shape the name rule ({@link Family#key}) gives, so the part before
 * the bracket stays a name pattern for {@code /latest} and DescribeImages (see {@link #namePattern}).
 *
 * @param owner the account id or alias whose images the rule applies to
 * @param pattern the name pattern, as written
 * @param stream null, {@code tag:KEY} or {@code description:REGEX}
 * @param origin where the rule comes from, as the audit page says it ("built in", "rules.txt line 3")
 */
public record FamilyRule(String owner, String pattern, String stream, String origin, Pattern name, Pattern streamRegex) {
  static final String VERSION = "{version}";

  /** A rule from its parts; an {@link IllegalArgumentException} says what is wrong with a part. */
  public static FamilyRule of(String owner, String pattern, String stream, String origin) {
    if (owner == null || owner.isBlank()) throw new IllegalArgumentException("a rule needs an owner (an account id or an alias)");
    if (!owner.strip().matches("\\d{12}|[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException("'" + owner.strip() + "' is not an owner: give an account id (12 digits) or an alias such as amazon");
    }
    if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException("a rule needs a name pattern");
    pattern = pattern.strip();
    int at = pattern.indexOf(VERSION);
    if (at < 0 || pattern.indexOf(VERSION, at + 1) >= 0) {
      throw new IllegalArgumentException("the name pattern '" + pattern + "' needs {version} exactly once, where the version is written");
    }
    if (pattern.length() > 256) throw new IllegalArgumentException("the name pattern is longer than 256 characters");
    Pattern name = Pattern.compile(glob(pattern.substring(0, at)) + "(.+?)" + glob(pattern.substring(at + VERSION.length())));
    Pattern streamRegex = null;
    String s = stream == null || stream.isBlank() ? null : stream.strip();
    if (s != null) {
      if (s.startsWith("tag:") && s.length() > 4) {
        // the tag's key: nothing to compile
      } else if (s.startsWith("description:") && s.length() > "description:".length()) {
        try {
          streamRegex = Pattern.compile(s.substring("description:".length()));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("the stream's regular expression does not compile: " + e.getDescription());
        }
      } else {
        throw new IllegalArgumentException("a stream is read from tag:KEY or description:REGEX, not '" + s + "'");
      }
    }
    return new FamilyRule(owner.strip(), pattern, s, origin, name, streamRegex);
  }

  /** The key this rule gives an image, or null when the rule does not apply to it. */
  public String key(String ownerId, String ownerAlias, String imageName, String description, String tagsJson) {
    if (imageName == null || !(owner.equals(ownerId) || owner.equalsIgnoreCase(ownerAlias == null ? "" : ownerAlias))) return null;
    Matcher m = name.matcher(imageName);
    if (!m.matches()) return null;
    String family = imageName.substring(0, m.start(1)) + "*" + imageName.substring(m.end(1));
    String s = streamOf(description, tagsJson);
    return s == null ? family : family + " [" + s + "]";
  }

  private String streamOf(String description, String tagsJson) {
    if (stream == null) return null;
    String value = null;
    if (streamRegex != null) {
      if (description == null) return null;
      Matcher m = streamRegex.matcher(description);
      if (!m.find()) return null;
      value = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    } else if (tagsJson != null) {
      JsonNode tags = Json.read(tagsJson);
      JsonNode v = tags.get(stream.substring(4));
      value = v == null || v.isNull() ? null : v.asText();
    }
    if (value == null) return null;
    // A bracket would end the key's stream early: keep the stream one plain word or phrase.
    value = value.strip().replace('[', '(').replace(']', ')');
    return value.isEmpty() ? null : value.length() > 64 ? value.substring(0, 64) : value;
  }

  /** The name pattern part of a family key (without its " [stream]"), for /latest and DescribeImages. */
  public static String namePattern(String familyKey) {
    if (familyKey == null) return null;
    int bracket = familyKey.lastIndexOf(" [");
    return bracket > 0 && familyKey.endsWith("]") ? familyKey.substring(0, bracket) : familyKey;
  }

  /** The stream of a family key, or null. */
  public static String streamOf(String familyKey) {
    String pattern = namePattern(familyKey);
    return pattern.length() == familyKey.length() ? null : familyKey.substring(pattern.length() + 2, familyKey.length() - 1);
  }

  /** An SQL GLOB that every name the rule matches matches too (a prefilter; the regex decides). */
  public String glob() {
    return pattern.replace(VERSION, "*").replace("[", "[[]");
  }

  /** A user's glob (* and ?) as a regular expression, everything else literal. */
  private static String glob(String part) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : part.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        re.append(c == '*' ? ".*?" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
    return re.toString();
  }

  /** How the audit page writes the rule. */
  public String describe() {
    return "owner " + owner + ", name " + pattern + (stream == null ? "" : ", stream from " + stream);
  }
}
