package dev.gantry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd process on loopback. The binary is the one {@code hack/tools.sh} builds ({@code
 * $GANTRY_TOOLS_DIR/bin/etcd}, default {@code ~/.cache/gantry/tools/bin/etcd}), else {@code etcd}
 * on the PATH.
 */
public final class EtcdServer implements AutoCloseable {
  private final Path binary;
  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private Process process;

  private EtcdServer(Path binary, Path dataDir, int clientPort, int peerPort) {
    this.binary = binary;
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
  }

  public static EtcdServer start() {
    try {
      return start(Files.createTempDirectory("gantry-etcd-"), FreePorts.next());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EtcdServer start(Path dataDir, int clientPort) {
    Path binary =
        findBinary()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no etcd binary: run hack/tools.sh (builds $GANTRY_TOOLS_DIR/bin/etcd) or put etcd on the PATH"));
    EtcdServer etcd = new EtcdServer(binary, dataDir, clientPort, FreePorts.next());
    etcd.startProcess();
    return etcd;
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
    return "http://127.0.0.1:" + clientPort;
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
            "--log-level",
            "warn");
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

  private void awaitHealthy(Duration timeout) {
    Readiness.await(
        "etcd",
        timeout,
        Duration.ofMillis(50),
        process,
        dataDir.resolve("etcd.log"),
        Readiness.http(
            URI.create(endpoint() + "/health"),
            Duration.ofSeconds(1),
            body -> body.contains("\"health\":\"true\"")));
  }
}
