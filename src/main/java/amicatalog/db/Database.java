package amicatalog.db;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.LoggerFactory;

/**
 * The catalog's store, a SQLite file or a PostgreSQL database ({@link Store}): one writer
 * connection (the indexer and the few forms that change things; this process's writes take turns
 * on it) and a small pool of read-only connections for web requests. SQLite's WAL lets readers run
 * while the writer writes; on PostgreSQL, other processes (replicas, workers) write beside this one.
 */
public final class Database implements AutoCloseable {
  /**
   * Read-only connections, opened as needed up to this many and kept: under load, requests wait
   * their turn for one rather than open and close a connection each (which costs a cold page
   * cache every time and, churning beside a long sync, made the writer's commits fail busy).
   */
  private static final int READERS = 8;
  private static final long READER_WAIT_SECONDS = 30;

  private final Store store;
  private final Dialect dialect;
  private final Connector connector;
  /** Opened again when PostgreSQL has closed it (a restart, a fail-over): SQLite's never is. */
  private Connection writerConnection;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Jdbi writer;
  private final Jdbi reader;
  private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
  private final AtomicInteger openReaders = new AtomicInteger();

  /** Opens a connection to the store: read-only, or the writer. */
  private interface Connector {
    Connection open(boolean readOnly) throws SQLException;
  }

  private Database(Store store, Dialect dialect, Connector connector) throws SQLException {
    this.store = store;
    this.dialect = dialect;
    this.connector = connector;
    this.writerConnection = connector.open(false);
    this.writer = Jdbi.create(new ConnectionFactory() {
      @Override public Connection openConnection() throws SQLException { return liveWriter(); }
      @Override public void closeConnection(Connection c) { /* kept open for the next write */ }
    });
    this.reader = Jdbi.create(new ConnectionFactory() {
      @Override public Connection openConnection() throws SQLException {
        return borrowReader();
      }
      @Override public void closeConnection(Connection c) {
        idleReaders.add(c);
      }
    });
    for (JdbiPlugin plugin : new JdbiPlugin[] {new SqlObjectPlugin()}) {
      writer.installPlugin(plugin);
      reader.installPlugin(plugin);
    }
    writer.registerRowMapper(new RecordMappers());
    reader.registerRowMapper(new RecordMappers());
    writer.getConfig(Dialect.Setting.class).set(dialect);
    reader.getConfig(Dialect.Setting.class).set(dialect);
  }

  /** The SQL this store speaks where the two stores differ. */
  public Dialect dialect() {
    return dialect;
  }

  /** Opens (creating if needed) the catalog file and brings its schema up to date. */
  public static Database open(Path file) {
    return open(new Store.SqliteFile(file));
  }

  /** Opens the store, a SQLite file (made if needed) or a PostgreSQL database, and brings its schema up to date. */
  public static Database open(Store store) {
    return store instanceof Store.Postgres pg ? openPostgres(pg) : openFile(((Store.SqliteFile) store).file().toAbsolutePath());
  }

  private static Database openFile(Path file) {
    try {
      createPrivately(file);
      String url = "jdbc:sqlite:" + file;
      Database db = new Database(new Store.SqliteFile(file), Dialect.SQLITE, readOnly -> openSqlite(url, readOnly));
      db.migrate();
      return db;
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the catalog " + file + ": " + e.getMessage(), e);
    }
  }

  private static Database openPostgres(Store.Postgres store) {
    PostgresSchema.migrate(store);  // fails with the reason, and without the password
    try {
      return new Database(store, Dialect.POSTGRESQL, readOnly -> {
        Connection c = PostgresSchema.connect(store);
        c.setReadOnly(readOnly);
        return c;
      });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the catalog " + store + ": "
          + PostgresSchema.withoutCredentials(e.getMessage(), store), e);
    }
  }

  /**
   * The catalog holds the action log and the list of private images: a new file is made readable
   * by its owner only (0600; SQLite gives its -wal and -shm files the same mode), and the folders
   * we make for it 0700. An existing file keeps the mode its owner gave it.
   */
  public static void createPrivately(Path file) throws java.io.IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path parent = file.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      if (posix) createFolders(parent);
      else Files.createDirectories(parent);
    }
    if (posix && !Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else if (posix && !PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).endsWith("------")) {
      LoggerFactory.getLogger(Database.class).warn("{} can be read by other users of this machine; it holds the action log"
          + " and the list of private images: chmod 600 it (and its -wal and -shm files)", file);
    }
  }

  private static void createFolders(Path folder) throws java.io.IOException {
    Path parent = folder.getParent();
    if (parent != null && !Files.isDirectory(parent)) createFolders(parent);
    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /**
   * The SQLite catalog's migrations (migrations/sqlite in the source tree). Each store's dialect has
   * its own folder, so that a store's Flyway never sees another's scripts; moving them here from
   * migrations/ kept their versions, names and checksums (EarlierCatalogsTest holds them).
   */
  static final String MIGRATIONS = "classpath:db/migration/sqlite";

  /** Flyway's checksum of V1__images.sql from bc88753 on (the text every build since has run). */
  private static final int V1_CHECKSUM = -749141929;
  /**
   * Its checksums as the builds before bc88753 shipped it. Those catalogs are accepted as having
   * run V1; V5__earlier_v1.sql then makes their schema what today's V1 creates.
   */
  private static final String EARLIER_V1_CHECKSUMS =
      "-113148113, -400439684, -1736828847, -1351152872";  // 4ac2270, d6b2675, fc3cba9, 5eb30c9

  /**
   * The newest migration in migrations/sqlite (a test holds the two equal). A catalog that has it, and
   * no failed one, is opened without Flyway: loading it and scanning the jar for migrations was a
   * third of the start-up (1.4 s of 4), for a catalog that needs nothing.
   */
  static final int NEWEST_MIGRATION = 17;

  private void migrate() throws SQLException {
    if (upToDate()) return;
    acceptEarlierV1();
    Flyway.configure()
        .dataSource(url(), null, null)
        .locations(MIGRATIONS)
        .load()
        .migrate();
  }

  private boolean upToDate() throws SQLException {
    try (Statement s = writerConnection.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table'"
            + " AND name = 'flyway_schema_history')")) {
      if (!r.next() || !r.getBoolean(1)) return false;  // a new catalog
    }
    try (Statement s = writerConnection.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT max(CAST(version AS INTEGER)), total(success = 0)"
            + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
      return r.next() && r.getInt(1) == NEWEST_MIGRATION && r.getInt(2) == 0;
    }
  }

  /** Records an earlier text of V1 as today's, so that Flyway's validation passes; nothing else. */
  private void acceptEarlierV1() throws SQLException {
    try (Statement s = writerConnection.createStatement()) {
      try (java.sql.ResultSet r = s.executeQuery(
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
        if (!r.next()) return;  // a new catalog
      }
      s.executeUpdate("UPDATE flyway_schema_history SET checksum = " + V1_CHECKSUM
          + " WHERE version = '1' AND checksum IN (" + EARLIER_V1_CHECKSUMS + ")");
    }
  }

  private static Connection openSqlite(String url, boolean readOnly) throws SQLException {
    java.util.Properties properties = new java.util.Properties();
    // The writer takes the file's write lock when its transaction begins, waiting its turn (busy_timeout)
    // behind another process's writer. A deferred transaction that read first would instead fail at
    // its first write with SQLITE_BUSY_SNAPSHOT, at once, when the other process committed meanwhile.
    if (!readOnly) properties.setProperty("transaction_mode", "IMMEDIATE");
    Connection c = DriverManager.getConnection(url + (readOnly ? "?open_mode=1" : ""), properties);
    try (Statement s = c.createStatement()) {
      if (!readOnly) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
      }
      s.execute("PRAGMA busy_timeout = 10000");
      s.execute("PRAGMA cache_size = -65536");      // 64 MiB per connection
      s.execute("PRAGMA mmap_size = 268435456");    // 256 MiB
      s.execute("PRAGMA temp_store = MEMORY");
    }
    return c;
  }

  /**
   * The writer connection; called with the write lock held. A PostgreSQL connection left idle may
   * have been closed by the server (a restart, a fail-over, an idle timeout): after a pause it is
   * asked whether it still works, and replaced if not. A sync's writes follow one another closely
   * and are not each preceded by that round trip.
   */
  private Connection liveWriter() throws SQLException {
    long now = System.nanoTime();
    boolean idle = now - lastWrite > IDLE_BEFORE_CHECK_NANOS;
    lastWrite = now;
    if (dialect == Dialect.POSTGRESQL && (idle || writerConnection.isClosed()) && !writerConnection.isValid(VALID_SECONDS)) {
      closeQuietly(writerConnection);
      writerConnection = connector.open(false);
    }
    return writerConnection;
  }

  /** When the writer was last handed out; guarded by the write lock. */
  private long lastWrite = System.nanoTime();
  private static final long IDLE_BEFORE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How long a PostgreSQL connection gets to answer that it still works before another is opened. */
  private static final int VALID_SECONDS = 5;

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException gone) {
      // It is being replaced because it no longer works.
    }
  }

  private Connection borrowReader() throws SQLException {
    Connection idle;
    while ((idle = idleReaders.poll()) != null) {
      if (dialect == Dialect.SQLITE || idle.isValid(VALID_SECONDS)) return idle;
      closeQuietly(idle);
      openReaders.decrementAndGet();
    }
    if (openReaders.getAndIncrement() < READERS) {
      try {
        return connector.open(true);
      } catch (SQLException | RuntimeException e) {
        openReaders.decrementAndGet();
        throw e;
      }
    }
    openReaders.decrementAndGet();
    try {
      Connection c = idleReaders.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
      if (c == null) throw new SQLException("no read connection came free in " + READER_WAIT_SECONDS + " s");
      if (dialect == Dialect.SQLITE || c.isValid(VALID_SECONDS)) return c;
      closeQuietly(c);
      try {
        return connector.open(true);  // in the place of the one that no longer works
      } catch (SQLException | RuntimeException e) {
        openReaders.decrementAndGet();
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a read connection", e);
    }
  }

  /** Runs a read on a pooled read-only connection. */
  public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
    return reader.withHandle(callback);
  }

  /** Runs one write transaction; writers take turns, so callers may run on any thread. */
  public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
    writeLock.lock();
    try {
      return writer.inTransaction(callback);
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs work on the writer connection outside a transaction (DDL, bulk index builds). */
  public <R, X extends Exception> R writeWithoutTransaction(HandleCallback<R, X> callback) throws X {
    writeLock.lock();
    try {
      return writer.withHandle(callback);
    } finally {
      writeLock.unlock();
    }
  }

  /** The store's JDBC address (PostgreSQL's without its credentials, which are the driver's properties). */
  public String url() {
    return store instanceof Store.Postgres pg ? pg.jdbcUrl() : "jdbc:sqlite:" + file();
  }

  public Store store() { return store; }

  /** The catalog file (its search index lives beside it); null for a PostgreSQL store. */
  public Path file() {
    return store instanceof Store.SqliteFile f ? f.file() : null;
  }

  @Override
  public void close() {
    try {
      writerConnection.close();
      for (Connection c; (c = idleReaders.poll()) != null; ) c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

}
