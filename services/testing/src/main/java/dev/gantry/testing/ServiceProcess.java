package dev.gantry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One coffee-shop service running as its own JVM, the way it runs in a pod: configured only through
 * its environment, ready when {@code /health/readiness} answers 200. Runs from the module's {@code
 * target/classes} and the class path Maven wrote to {@code target/classpath.txt}.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final String DEFAULT_JVM_OPTIONS =
      "-Xms32m -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=48m";

  private final String name;
  private final Path moduleDir;
  private final String mainClass;
  private final Map<String, String> environment;
  private final int port;
  private final Path logFile;
  private Process process;
  private Duration lastStartup;

  private ServiceProcess(
      String name,
      Path moduleDir,
      String mainClass,
      Map<String, String> environment,
      int port,
      Path logFile) {
    this.name = name;
    this.moduleDir = moduleDir;
    this.mainClass = mainClass;
    this.environment = environment;
    this.port = port;
    this.logFile = logFile;
  }

  /**
   * Starts {@code services/<name>} with main class {@code dev.gantry.coffee.<name>.Application} on
   * a free port and waits until it is ready. {@code GANTRY_PORT} and {@code GANTRY_SERVICE_NAME}
   * are set here; unless the environment names a datasource, the service gets a new database on the
   * {@linkplain PostgresServer#shared() shared PostgreSQL server}.
   */
  public static ServiceProcess start(String name, Map<String, String> environment) {
    int port = FreePorts.next();
    Map<String, String> env = new LinkedHashMap<>(environment);
    if (!env.containsKey("DATASOURCES_DEFAULT_URL")) {
      PostgresServer postgres = PostgresServer.shared();
      env.putAll(postgres.environment(postgres.newDatabase(name)));
    }
    env.put("GANTRY_SERVICE_NAME", name);
    env.put("GANTRY_PORT", String.valueOf(port));
    Path moduleDir = servicesDir().resolve(name);
    Path logFile = moduleDir.resolve("target").resolve(name + "-" + port + ".log");
    ServiceProcess service =
        new ServiceProcess(
            name, moduleDir, "dev.gantry.coffee." + name + ".Application", env, port, logFile);
    service.startProcess();
    return service;
  }

  /**
   * Another replica of this service: the same environment (so the same database, Kafka group and
   * registry) on a port of its own, as a second pod of one Deployment.
   */
  public ServiceProcess replica() {
    Map<String, String> shared = new LinkedHashMap<>(environment);
    shared.remove("GANTRY_PORT");
    return start(name, shared);
  }

  /**
   * The {@code services/} directory: from {@code gantry.services.dir}, else found upwards from the
   * working directory.
   */
  public static Path servicesDir() {
    String configured = System.getProperty("gantry.services.dir");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("discovery"))) {
        return dir;
      }
      if (Files.isDirectory(dir.resolve("services").resolve("discovery"))) {
        return dir.resolve("services");
      }
    }
    throw new IllegalStateException(
        "cannot find the services directory from " + Path.of("").toAbsolutePath());
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return process.pid();
  }

  /** Wall-clock time from launching the JVM to the first ready answer. */
  public Duration lastStartup() {
    return lastStartup;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Orderly stop (SIGTERM): the service deregisters and drains. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      waitForExit();
    }
  }

  /** Crash (SIGKILL): nothing runs on the way out, as when a node dies. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  public synchronized void restart() {
    stop();
    startProcess();
  }

  /** Starts the service again after {@link #kill()} or {@link #stop()}, on the same port. */
  public synchronized void startAgain() {
    if (isRunning()) {
      throw new IllegalStateException(name + " is still running");
    }
    startProcess();
  }

  @Override
  public void close() {
    stop();
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private synchronized void startProcess() {
    Path classes = moduleDir.resolve("target").resolve("classes");
    Path classpathFile = moduleDir.resolve("target").resolve("classpath.txt");
    if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(
          "build " + moduleDir + " first (target/classes and target/classpath.txt are missing)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String jvmOptions =
        System.getenv().getOrDefault("GANTRY_SERVICE_JVM_OPTIONS", DEFAULT_JVM_OPTIONS);
    for (String option : jvmOptions.trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    try {
      command.add("-cp");
      command.add(classes + ":" + Files.readString(classpathFile).trim());
      command.add(mainClass);
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().put("MALLOC_ARENA_MAX", "2");
      builder.environment().putAll(environment);
      long started = System.nanoTime();
      process = builder.start();
      awaitReady(Duration.ofSeconds(60));
      lastStartup = Duration.ofNanos(System.nanoTime() - started);
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + name, e);
    }
  }

  private void awaitReady(Duration timeout) {
    Readiness.await(
        name,
        timeout,
        Duration.ofMillis(25),
        process,
        logFile,
        Readiness.http(
            URI.create(baseUrl() + "/health/readiness"), Duration.ofSeconds(2), body -> true));
  }
}
