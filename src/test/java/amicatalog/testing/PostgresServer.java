package amicatalog.testing;

import amicatalog.db.PostgresSchema;
import amicatalog.db.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 for tests: a throwaway cluster (initdb) in a temporary folder, started once
 * per test JVM on a free loopback port, stopped when the JVM ends. Run as root (CI), the cluster
 * runs as the postgres user, which PostgreSQL insists on. If it cannot start, tests fail with the
 * reason; they never skip. Durability is off (fsync, full-page writes): nothing here outlives the run.
 */
public final class PostgresServer {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static PostgresServer instance;

  private final int port;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(int port) {
    this.port = port;
  }

  public static synchronized PostgresServer get() {
    if (instance == null) instance = start();
    return instance;
  }

  /** A new, empty database on the cluster, as a store {@code --db} could name. */
  public Store.Postgres newDatabase() {
    String name = "catalog_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    Store.Postgres admin = store("postgres");
    try (Connection c = PostgresSchema.connect(admin); var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return store(name);
  }

  /** A new database migrated to today's schema, as a Jdbi that speaks PostgreSQL's dialect. */
  public org.jdbi.v3.core.Jdbi newCatalog() {
    Store.Postgres store = newDatabase();
    PostgresSchema.migrate(store);
    return PostgresSchema.jdbi(store);
  }

  private Store.Postgres store(String database) {
    return (Store.Postgres) Store.parse("postgresql://postgres@127.0.0.1:" + port + "/" + database);
  }

  private static PostgresServer start() {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      throw new IllegalStateException(BIN + "/initdb is missing: install Debian's postgresql-15 (.ci/run does)");
    }
    try {
      boolean root = "0".equals(run(List.of("id", "-u")).strip());
      Path dir = Files.createTempDirectory("ami-catalog-pg-");
      Path data = dir.resolve("data");
      if (root) run(List.of("chown", "postgres:postgres", dir.toString()));
      run(asPostgres(root, BIN.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
          "-E", "UTF8", "--no-locale"));
      int port = MotoServer.freePort();
      run(asPostgres(root, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
          "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
              + " -c synchronous_commit=off -c full_page_writes=off",
          "start"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          run(asPostgres(root, BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
          try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
          }
        } catch (IOException | RuntimeException ignored) {
          // the JVM is ending; what is left behind lives in a temporary folder
        }
      }));
      return new PostgresServer(port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static List<String> asPostgres(boolean root, String... command) {
    List<String> c = new ArrayList<>();
    if (root) c.addAll(List.of("runuser", "-u", "postgres", "--"));
    c.addAll(List.of(command));
    return c;
  }

  /** Runs a command to its end; its output, or a failure with the output when it exits non-zero. */
  private static String run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
    return out;
  }
}
