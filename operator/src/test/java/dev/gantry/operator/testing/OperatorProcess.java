package dev.gantry.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator ({@code target/gantry-operator-*.jar}) as its own process, as it runs
 * in a pod: for tests that kill it.
 */
public final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static OperatorProcess start(LocalCluster cluster, String namespace, Path log) {
    try {
      Path jar;
      try (var jars = Files.list(Path.of("target"))) {
        jar = jars.filter(p -> p.getFileName().toString().matches("gantry-operator-.*\\.jar")).findFirst()
            .orElseThrow(() -> new IllegalStateException("target/gantry-operator-*.jar missing: run mvn package"));
      }
      ProcessBuilder builder = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      env.put("KUBECONFIG", cluster.operatorKubeconfig().toString());
      env.put("GANTRY_WATCH_NAMESPACES", namespace);
      env.put("GANTRY_LEASE_NAMESPACE", namespace);
      env.put("GANTRY_METRICS_PORT", "0");
      env.put("GANTRY_LOG_FORMAT", "text");
      return new OperatorProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no lease release, nothing flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
