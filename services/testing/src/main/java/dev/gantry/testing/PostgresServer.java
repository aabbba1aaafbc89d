package dev.gantry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on loopback: a cluster initialised in a directory of its own, the server
 * a child process of this JVM, one database per service or test. PostgreSQL refuses to run as root,
 * so as root it runs as {@code nobody} (through {@code setpriv}), the way the local run does. The
 * binaries are Debian's ({@code /usr/lib/postgresql/<newest>/bin}) unless {@code
 * GANTRY_POSTGRES_BIN} names a directory.
 */
public final class PostgresServer implements AutoCloseable {
  /** The superuser the cluster is initialised with; loopback connections are trusted. */
  public static final String USER = "gantry";

  private static final String UNPRIVILEGED_USER = "nobody";
  private static final String UNPRIVILEGED_GROUP = "nogroup";
  private static PostgresServer shared;

  private final Path binaries;
  private final Path dir;
  private final int port;
  private final AtomicInteger databases = new AtomicInteger();
  private Process process;

  private PostgresServer(Path binaries, Path dir, int port) {
    this.binaries = binaries;
    this.dir = dir;
    this.port = port;
  }

  /** A new cluster in a temporary directory, on a free port. */
  public static PostgresServer start() {
    try {
      return start(Files.createTempDirectory("gantry-postgres-"), FreePorts.next());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cluster in {@code dir} (initialised on first use), served on {@code port}. */
  public static PostgresServer start(Path dir, int port) {
    Path binaries =
        findBinaries()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no PostgreSQL: install Debian's postgresql package (hack/packages.sh does),"
                            + " or set GANTRY_POSTGRES_BIN to a directory with initdb and postgres"));
    PostgresServer server = new PostgresServer(binaries, dir, port);
    server.initialiseOnce();
    server.startProcess();
    return server;
  }

  /**
   * One server for every test of this JVM, stopped when the JVM exits; tests take a database of
   * their own with {@link #newDatabase}.
   */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      PostgresServer server = shared;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::closeAndDelete, "gantry-postgres-stop"));
    }
    return shared;
  }

  /** Debian's newest PostgreSQL, or the directory {@code GANTRY_POSTGRES_BIN} names. */
  public static Optional<Path> findBinaries() {
    String configured = System.getenv("GANTRY_POSTGRES_BIN");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(PostgresServer::hasServer);
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(PostgresServer::hasServer)
          .max(Comparator.comparing(PostgresServer::majorVersion));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasServer(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"));
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates a database named {@code <prefix>_<n>} and returns its name. */
  public String newDatabase(String prefix) {
    String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
    createDatabase(name);
    return name;
  }

  /** Creates {@code name} unless it exists. */
  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      boolean exists;
      try (var rows =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        exists = rows.next();
      }
      if (!exists) {
        statement.execute("CREATE DATABASE " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("creating database " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The environment a service process reads its datasource from (Micronaut maps {@code
   * DATASOURCES_DEFAULT_URL} to {@code datasources.default.url}).
   */
  public Map<String, String> environment(String database) {
    return Map.of(
        "DATASOURCES_DEFAULT_URL",
        jdbcUrl(database),
        "DATASOURCES_DEFAULT_USERNAME",
        USER,
        "DATASOURCES_DEFAULT_PASSWORD",
        "");
  }

  /** A new database as Micronaut properties, for a service started in the test's JVM. */
  public Map<String, String> newDatabaseProperties(String prefix) {
    return Map.of(
        "datasources.default.url",
        jdbcUrl(newDatabase(prefix)),
        "datasources.default.username",
        USER,
        "datasources.default.password",
        "");
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, "");
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Fast shutdown (SIGINT): open transactions are rolled back, committed data stays. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops the server and deletes its cluster: for the shared, temporary one. */
  private void closeAndDelete() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private void initialiseOnce() {
    Path data = dir.resolve("data");
    if (Files.isRegularFile(data.resolve("PG_VERSION"))) {
      return;
    }
    try {
      Files.createDirectories(dir);
      handToServerUser(dir);
      run(
          List.of(
              binaries.resolve("initdb").toString(),
              "--pgdata=" + data,
              "--username=" + USER,
              "--auth=trust",
              "--encoding=UTF8",
              "--locale=C.UTF-8",
              "--no-sync"),
          dir.resolve("initdb.log"));
    } catch (IOException e) {
      throw new UncheckedIOException("initialising PostgreSQL in " + data, e);
    }
  }

  private synchronized void startProcess() {
    Path log = dir.resolve("postgres.log");
    List<String> command =
        asServerUser(
            List.of(
                binaries.resolve("postgres").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-p",
                String.valueOf(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=300",
                // the tests kill services, not machines: an OS crash is the only loss this allows
                "-c",
                "fsync=off"));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + command.get(0), e);
    }
    Readiness.await(
        "PostgreSQL",
        Duration.ofSeconds(60),
        Duration.ofMillis(50),
        process,
        log,
        () -> {
          try (Connection connection = connect("postgres")) {
            return connection.isValid(1);
          } catch (SQLException e) {
            return false;
          }
        });
  }

  private void run(List<String> command, Path log) throws IOException {
    Process init =
        new ProcessBuilder(asServerUser(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
        init.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asServerUser(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + UNPRIVILEGED_USER,
                "--regid=" + UNPRIVILEGED_GROUP,
                "--clear-groups"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void handToServerUser(Path dir) throws IOException {
    if (!isRoot()) {
      return;
    }
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(dir, users.lookupPrincipalByName(UNPRIVILEGED_USER));
    Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class)
        .setGroup(users.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP));
  }
}
