package amicatalog.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The SQL that differs between the two stores, one named fragment a construct (issue 18). A query
 * keeps its one text and takes the part that differs from here, so the difference is visible where
 * the query is. SQLite's fragments are the text the queries had before there was a second store:
 * their plans (checked with EXPLAIN QUERY PLAN) stay as they were. Fragments are constant text
 * around a placeholder; values are always bound.
 */
public enum Dialect {
  SQLITE,
  POSTGRESQL;

  /**
   * {@code IN} the texts of the JSON array bound to {@code placeholder} ({@code ?} or {@code :name}):
   * how a list of any length is passed as one bound value.
   */
  public String inTexts(String placeholder) {
    return switch (this) {
      case SQLITE -> "IN (SELECT value FROM json_each(" + placeholder + "))";
      case POSTGRESQL -> "IN (SELECT value FROM jsonb_array_elements_text(CAST(" + placeholder + " AS jsonb)))";
    };
  }

  /** {@code IN} the whole numbers (row ids) of the JSON array bound to {@code placeholder}. */
  public String inNumbers(String placeholder) {
    return switch (this) {
      case SQLITE -> inTexts(placeholder);  // json_each gives a JSON number as an integer
      case POSTGRESQL -> "IN (SELECT CAST(value AS bigint) FROM jsonb_array_elements_text(CAST(" + placeholder + " AS jsonb)))";
    };
  }

  /**
   * The texts of the JSON array bound to {@code placeholder} as rows of a table named {@code alias},
   * each text in its column {@code value}: for a FROM clause.
   */
  public String texts(String placeholder, String alias) {
    return switch (this) {
      case SQLITE -> "json_each(" + placeholder + ") " + alias;
      case POSTGRESQL -> "jsonb_array_elements_text(CAST(" + placeholder + " AS jsonb)) AS " + alias + "(value)";
    };
  }

  /** The whole numbers of the JSON array bound to {@code placeholder} as rows of a table named {@code alias}, in its column {@code value}. */
  public String numbers(String placeholder, String alias) {
    return switch (this) {
      case SQLITE -> texts(placeholder, alias);  // json_each gives a JSON number as an integer
      case POSTGRESQL -> "(SELECT CAST(value AS bigint) AS value FROM jsonb_array_elements_text(CAST(" + placeholder + " AS jsonb))) AS " + alias;
    };
  }

  /**
   * The elements of the JSON array of arrays bound to {@code placeholder} as rows of a table named
   * {@code alias}: {@code alias.value ->> 0} is an element's first text, and {@code alias.key} a
   * number that tells the elements apart. For a FROM clause.
   */
  public String tuples(String placeholder, String alias) {
    return switch (this) {
      case SQLITE -> "json_each(" + placeholder + ") " + alias;
      case POSTGRESQL -> "jsonb_array_elements(CAST(" + placeholder + " AS jsonb)) WITH ORDINALITY AS " + alias + "(value, key)";
    };
  }

  /**
   * The value under {@code key} (a constant name) of the JSON object in the text column {@code column},
   * as text; null when there is none.
   */
  public String jsonField(String column, String key) {
    return switch (this) {
      case SQLITE -> "json_extract(" + column + ", '$." + key + "')";
      case POSTGRESQL -> "(CAST(" + column + " AS jsonb) ->> '" + key + "')";
    };
  }

  /** The time now in UTC as the catalog writes times: ISO 8601 to the millisecond, ending Z (text that sorts as time). */
  public String utcNow() {
    return switch (this) {
      case SQLITE -> "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
      case POSTGRESQL -> "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    };
  }

  /**
   * A text expression compared byte by byte, as the catalog's columns are (PostgreSQL's are
   * {@code COLLATE "C"}; a constant there takes the database's own collation otherwise).
   */
  public String bytewise(String expression) {
    return switch (this) {
      case SQLITE -> expression;
      case POSTGRESQL -> expression + " COLLATE \"C\"";
    };
  }

  /**
   * What ends a subquery that picks a row to take: PostgreSQL locks it and passes over the rows
   * other transactions hold (so that two workers never take one); SQLite has one writer at a time.
   */
  public String skipLocked() {
    return switch (this) {
      case SQLITE -> "";
      case POSTGRESQL -> " FOR UPDATE SKIP LOCKED";
    };
  }

  /** The one-character text of the character code {@code code}, a constant (a separator no text holds). */
  public String character(int code) {
    return switch (this) {
      case SQLITE -> "char(" + code + ")";
      case POSTGRESQL -> "chr(" + code + ")";
    };
  }

  /** {@code text} holds {@code part} (both expressions), exactly: no wildcards and no escapes. */
  public String holds(String text, String part) {
    return switch (this) {
      case SQLITE -> "instr(" + text + ", " + part + ") > 0";
      case POSTGRESQL -> "strpos(" + text + ", " + part + ") > 0";
    };
  }

  /** An aggregate: the values of {@code expression} as the text of a JSON array, {@code []} when there are none. */
  public String jsonArrayOf(String expression) {
    return switch (this) {
      case SQLITE -> "json_group_array(" + expression + ")";
      case POSTGRESQL -> "CAST(coalesce(json_agg(" + expression + "), '[]') AS text)";
    };
  }

  /**
   * {@code column} matches the pattern bound to {@code placeholder}, a GLOB (case-sensitive; * any
   * text, ? one character, [..] one of a class) that {@link #pattern} made this store's. A fixed
   * start of a pattern seeks an index on both stores (PostgreSQL's text is in byte order).
   */
  public String matches(String column, String placeholder) {
    return switch (this) {
      case SQLITE -> column + " GLOB " + placeholder;
      case POSTGRESQL -> column + " ~ " + placeholder;
    };
  }

  /**
   * A GLOB pattern as {@link #matches} takes it here: SQLite's own, or the same as an anchored
   * regular expression, read as SQLite reads it (a class's ']' first is a member, 'a-z' a range, a
   * reversed range only its first end, a class never closed matching nothing).
   */
  public String pattern(String glob) {
    if (this == SQLITE) return glob;
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int end = classTo(glob, i, re);
        if (end < 0) return NOTHING;
        i = end;
      } else {
        re.append(literal(c));
      }
    }
    return re.append('$').toString();
  }

  /** A regular expression no text matches: nothing follows the end. */
  private static final String NOTHING = "$.^";

  /** Appends the class that starts at {@code open} as a regex class; answers where it ends, or -1 if it never closes. */
  private static int classTo(String glob, int open, StringBuilder re) {
    int j = open + 1;
    boolean invert = j < glob.length() && glob.charAt(j) == '^';
    if (invert) j++;
    StringBuilder members = new StringBuilder();
    if (j < glob.length() && glob.charAt(j) == ']') {
      members.append(literal(']'));
      j++;
    }
    char prior = 0;
    for (; j < glob.length() && glob.charAt(j) != ']'; j++) {
      char m = glob.charAt(j);
      if (m == '-' && prior != 0 && j + 1 < glob.length() && glob.charAt(j + 1) != ']') {
        char last = glob.charAt(++j);
        if (prior <= last) members.append(literal(prior)).append('-').append(literal(last));
        prior = 0;
      } else {
        members.append(literal(m));
        prior = m;
      }
    }
    if (j >= glob.length()) return -1;
    re.append('[').append(invert ? "^" : "").append(members).append(']');
    return j;
  }

  /** One character as itself in a regular expression, in a class or out. */
  private static String literal(char c) {
    return Character.isLetterOrDigit(c) || c == ' ' ? String.valueOf(c) : "\\" + c;
  }

  /** The store's dialect, for code that has a handle of it and not the Database. */
  public static Dialect of(Handle h) {
    return h.getConfig(Setting.class).dialect;
  }

  /** Which dialect a Jdbi speaks: set once by Database, read by {@link #of(Handle)}. */
  public static final class Setting implements JdbiConfig<Setting> {
    private Dialect dialect = SQLITE;

    public Setting() {}

    private Setting(Setting other) {
      this.dialect = other.dialect;
    }

    Setting set(Dialect d) {
      this.dialect = d;
      return this;
    }

    @Override
    public Setting createCopy() {
      return new Setting(this);
    }
  }
}
