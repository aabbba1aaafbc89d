package dev.gantry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd process on loopback. The binary is the one {@code hack/tools.sh} builds ({@code
 * $GANTRY_TOOLS_DIR/bin/etcd}, default {@code ~/.cache/gantry/tools/bin/etcd}), else {@code etcd}
 * on the PATH. {@link #startSecure} runs it as {@code hack/coffee-shop.sh} does: TLS, and
 * authentication with one user per service (set up by {@code hack/etcd-security.sh}).
 */
public final class EtcdServer implements AutoCloseable {
  private static final String SCRIPT = "hack/etcd-security.sh";
  private final Path binary;
  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private final int healthPort;
  private final Path pki;
  private Process process;

  private EtcdServer(Path binary, Path dataDir, int clientPort, Path pki) {
    this.binary = binary;
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = FreePorts.next();
    this.healthPort = FreePorts.next();
    this.pki = pki;
  }

  public static EtcdServer start() {
    try {
      return start(Files.createTempDirectory("gantry-etcd-"), FreePorts.next());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EtcdServer start(Path dataDir, int clientPort) {
    EtcdServer etcd = new EtcdServer(requireBinary(), dataDir, clientPort, null);
    etcd.startProcess();
    return etcd;
  }

  /**
   * etcd with TLS and authentication on: a user {@code <namespace>.<service>} per service in {@code
   * services}, each allowed to write only its own instances and read the namespace's. Passwords are
   * in {@link #passwordFile}; the CA to trust is {@link #caFile}.
   */
  public static EtcdServer startSecure(String namespace, String... services) {
    try {
      Path dataDir = Files.createTempDirectory("gantry-etcd-");
      Path pki = dataDir.resolve("pki");
      runScript("pki", pki.toString());
      EtcdServer etcd = new EtcdServer(requireBinary(), dataDir, FreePorts.next(), pki);
      etcd.startProcess();
      List<String> grant = new ArrayList<>(List.of("grant", etcd.endpoint(), pki.toString()));
      grant.add(namespace);
      grant.addAll(List.of(services));
      runScript(grant.toArray(String[]::new));
      return etcd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path requireBinary() {
    return findBinary()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no etcd binary: run hack/tools.sh (builds $GANTRY_TOOLS_DIR/bin/etcd) or put etcd on the PATH"));
  }

  /** Runs {@code hack/etcd-security.sh}, found above the working directory. */
  private static void runScript(String... args) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve(SCRIPT))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no " + SCRIPT + " above " + Path.of("").toAbsolutePath());
    }
    List<String> command = new ArrayList<>(List.of(dir.resolve(SCRIPT).toString()));
    command.addAll(List.of(args));
    try {
      Process script = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(script.getInputStream().readAllBytes());
      if (!script.waitFor(60, TimeUnit.SECONDS) || script.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The CA certificate that signed a secure etcd's server certificate. */
  public Path caFile() {
    return requireSecure().resolve("ca.crt");
  }

  /** The file holding {@code user}'s password on a secure etcd ({@code root} administers it). */
  public Path passwordFile(String user) {
    return requireSecure().resolve("users").resolve(user + ".password");
  }

  private Path requireSecure() {
    if (pki == null) {
      throw new IllegalStateException("this etcd runs without TLS and authentication");
    }
    return pki;
  }

  /** The etcd binary the tests and the local run use, by the documented lookup order. */
  public static Optional<Path> findBinary() {
    String toolsDir = System.getenv("GANTRY_TOOLS_DIR");
    Path tools =
        toolsDir != null && !toolsDir.isBlank()
            ? Path.of(toolsDir)
            : Path.of(System.getProperty("user.home"), ".cache", "gantry", "tools");
    Path built = tools.resolve("bin").resolve("etcd");
    if (Files.isExecutable(built)) {
      return Optional.of(built);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
        return Optional.of(Path.of(dir, "etcd"));
      }
    }
    return Optional.empty();
  }

  public String endpoint() {
    return (pki == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  public Path binary() {
    return binary;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops etcd (SIGTERM) and waits for it to exit; its data stays for {@link #restart()}. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  public synchronized void restart() {
    stop();
    startProcess();
  }

  /** Brings etcd back on the same port with no data, as a replaced, empty etcd would be. */
  public synchronized void restartEmpty() {
    stop();
    deleteRecursively(dataDir.resolve("data"));
    startProcess();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startProcess() {
    String peer = "http://127.0.0.1:" + peerPort;
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--name",
                "gantry",
                "--data-dir",
                dataDir.resolve("data").toString(),
                "--listen-client-urls",
                endpoint(),
                "--advertise-client-urls",
                endpoint(),
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                "gantry=" + peer,
                "--listen-metrics-urls",
                healthUrl(),
                "--log-level",
                "warn"));
    if (pki != null) {
      command.addAll(
          List.of(
              "--cert-file",
              pki.resolve("server.crt").toString(),
              "--key-file",
              pki.resolve("server.key").toString()));
    }
    try {
      Files.createDirectories(dataDir);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + binary, e);
    }
    awaitHealthy(Duration.ofSeconds(30));
  }

  /** Plain-text health and metrics, on a port of their own, whatever the client port speaks. */
  private String healthUrl() {
    return "http://127.0.0.1:" + healthPort;
  }

  private void awaitHealthy(Duration timeout) {
    Readiness.await(
        "etcd",
        timeout,
        Duration.ofMillis(50),
        process,
        dataDir.resolve("etcd.log"),
        Readiness.http(
            URI.create(healthUrl() + "/health"),
            Duration.ofSeconds(1),
            body -> body.contains("\"health\":\"true\"")));
  }
}
