package amicatalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two stores' migrations build the same catalog: a fresh SQLite file and a fresh PostgreSQL
 * database, each migrated by its own folder, have the same tables, the same columns in the same
 * order (types of the same kind, the same NOT NULLs), the same primary keys, the same unique keys
 * and the same indexes. The full-text tables are each store's own: SQLite's images_fts, PostgreSQL's
 * image_words.
 */
class SchemaParityTest {
  private static final Set<String> OWN_TABLES = Set.of("flyway_schema_history", "image_words");

  @TempDir static Path dir;
  static Schema sqlite;
  static Schema postgres;
  static Store.Postgres store;

  @BeforeAll
  static void migrateBoth() throws SQLException {
    Path file = dir.resolve("catalog.db");
    Database.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      sqlite = Schema.of(c, null, name -> name.startsWith("images_fts") || name.startsWith("sqlite_"),
          "SELECT name FROM sqlite_master WHERE type = 'index' AND instr(upper(sql), 'WHERE') > 0");
    }
    store = PostgresServer.get().newDatabase();
    assertThat(PostgresSchema.migrate(store)).isEqualTo(Database.NEWEST_MIGRATION);
    try (Connection c = PostgresSchema.connect(store)) {
      postgres = Schema.of(c, "public", name -> false, "SELECT indexname FROM pg_indexes WHERE strpos(upper(indexdef), 'WHERE') > 0");
    }
  }

  @Test
  void theSameTablesWithTheSameColumns() {
    assertThat(postgres.columns().keySet()).isEqualTo(sqlite.columns().keySet());
    assertThat(postgres.columns().keySet()).contains("images", "image_events", "sync_runs", "users", "image_sightings");
    sqlite.columns().forEach((table, columns) ->
        assertThat(postgres.columns().get(table)).as("the columns of " + table).isEqualTo(columns));
  }

  @Test
  void theSameKeysAndIndexes() {
    assertThat(postgres.primaryKeys()).isEqualTo(sqlite.primaryKeys());
    assertThat(postgres.uniqueKeys()).isEqualTo(sqlite.uniqueKeys());
    assertThat(postgres.indexes()).isEqualTo(sqlite.indexes());
    assertThat(postgres.indexes()).containsKeys("images.images_family", "images.images_sync", "image_events.image_events_image");
  }

  @Test
  void migratingAgainChangesNothing() {
    assertThat(PostgresSchema.migrate(store)).isEqualTo(Database.NEWEST_MIGRATION);
  }

  /** Each store's newest migration has the same version: a change to the schema is a pair, one script a folder. */
  @Test
  void bothFoldersEndAtTheSameVersion() throws Exception {
    assertThat(newest(Path.of("migrations", "postgresql"))).isEqualTo(newest(Path.of("migrations", "sqlite")));
  }

  private static int newest(Path folder) throws java.io.IOException {
    try (var files = java.nio.file.Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
    }
  }

  /** The feeds' words on PostgreSQL: kept for the images with history, as SQLite's full-text table is. */
  @Test
  void anImagesFirstEventGivesItWordsAndARenameChangesThem() throws SQLException {
    try (Connection c = PostgresSchema.connect(store);
         var s = c.createStatement()) {
      s.execute("""
          INSERT INTO images (id, region, image_id, name, owner_alias, tags_text, category, content_hash, first_seen, last_changed)
          VALUES (900, 'eu-west-1', 'ami-0000000000000a900', 'al2023-ami-2025.1-x86_64', 'amazon', 'Team web.frontend',
                  'public', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')""");
      assertThat(matches(s, "al2023")).as("no history yet: no words").isZero();
      s.execute("INSERT INTO image_events (image_row, at, kind) VALUES (900, '2026-01-02T00:00:00Z', 'changed')");
      assertThat(matches(s, "al2023 & x86 & frontend & amazon")).isEqualTo(1);
      s.execute("UPDATE images SET name = 'ubuntu-noble-24.04' WHERE id = 900");
      assertThat(matches(s, "al2023")).isZero();
      assertThat(matches(s, "noble & 24")).isEqualTo(1);
    }
  }

  private static int matches(java.sql.Statement s, String query) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT count(*) FROM image_words WHERE words @@ to_tsquery('simple', '" + query + "')")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** A store's schema, read through JDBC's metadata and put in terms both stores share. */
  record Schema(Map<String, List<String>> columns, Map<String, List<String>> primaryKeys, Set<String> uniqueKeys,
      Map<String, String> indexes) {

    static Schema of(Connection c, String schema, java.util.function.Predicate<String> ownTable, String partialIndexes)
        throws SQLException {
      DatabaseMetaData meta = c.getMetaData();
      Set<String> partial = new TreeSet<>();
      try (var s = c.createStatement(); ResultSet r = s.executeQuery(partialIndexes)) {
        while (r.next()) partial.add(r.getString(1));
      }
      Map<String, List<String>> columns = new TreeMap<>();
      Map<String, List<String>> primaryKeys = new TreeMap<>();
      Set<String> uniqueKeys = new TreeSet<>();
      Map<String, String> indexes = new TreeMap<>();
      List<String> tables = new ArrayList<>();
      try (ResultSet r = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (r.next()) {
          String t = r.getString("TABLE_NAME");
          if (!OWN_TABLES.contains(t) && !ownTable.test(t)) tables.add(t);
        }
      }
      for (String t : tables) {
        Map<Integer, String> pk = new TreeMap<>();
        try (ResultSet r = meta.getPrimaryKeys(null, schema, t)) {
          while (r.next()) pk.put(r.getInt("KEY_SEQ"), r.getString("COLUMN_NAME"));
        }
        primaryKeys.put(t, List.copyOf(pk.values()));
        List<String> cols = new ArrayList<>();
        try (ResultSet r = meta.getColumns(null, schema, t, "%")) {
          while (r.next()) {
            cols.add(r.getString("COLUMN_NAME") + " " + kind(r.getString("TYPE_NAME"))
                // A primary key is never null on PostgreSQL; SQLite (a bug kept for compatibility) lets a
                // rowid table's TEXT key be null unless it says NOT NULL, which no insert relies on.
                + (r.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls && !pk.containsValue(r.getString("COLUMN_NAME")) ? " not null" : ""));
          }
        }
        columns.put(t, cols);
        Map<String, TreeMap<Integer, String>> byIndex = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet r = meta.getIndexInfo(null, schema, t, false, false)) {
          while (r.next()) {
            String name = r.getString("INDEX_NAME");
            if (name == null) continue;
            String column = r.getString("COLUMN_NAME");
            boolean isColumn = column != null && cols.stream().anyMatch(x -> x.startsWith(column.toLowerCase(Locale.ROOT) + " "));
            byIndex.computeIfAbsent(name, k -> new TreeMap<>()).put(r.getInt("ORDINAL_POSITION"), isColumn ? column : "(expression)");
            unique.put(name, !r.getBoolean("NON_UNIQUE"));
          }
        }
        for (var e : byIndex.entrySet()) {
          String name = e.getKey();
          List<String> cs = List.copyOf(e.getValue().values());
          if (cs.equals(primaryKeys.get(t))) continue;  // the primary key's own index
          // Indexes made for a UNIQUE constraint are named by each store its own way: compared by their columns.
          if (name.startsWith("sqlite_autoindex_") || name.endsWith("_key")) {
            uniqueKeys.add(t + " " + cs);
            continue;
          }
          indexes.put(t + "." + name, (unique.get(name) ? "unique " : "") + cs + (partial.contains(name) ? " partial" : ""));
        }
      }
      return new Schema(columns, primaryKeys, uniqueKeys, indexes);
    }

    /** SQLite's declared type, or PostgreSQL's, as the kind of value both keep. */
    private static String kind(String type) {
      return switch (type.toLowerCase(Locale.ROOT)) {
        case "integer", "int", "int4", "int8", "bigint", "bool", "boolean" -> "number";
        case "text", "varchar" -> "text";
        case "blob", "bytea" -> "bytes";
        default -> type;
      };
    }
  }
}
