package dev.gantry.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator ({@code target/gantry-operator-*.jar}) as its own process, as it runs in a
 * pod: for tests that kill it.
 */
public final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static OperatorProcess start(LocalCluster cluster, String namespace, Path log) {
    return start(cluster, namespace, log, Map.of(), List.of());
  }

  /** With more settings ({@code env}) and JVM options, as a deployment would give them. */
  public static OperatorProcess start(
      LocalCluster cluster,
      String namespace,
      Path log,
      Map<String, String> settings,
      List<String> jvmOptions) {
    try {
      Path jar;
      try (var jars = Files.list(LocalCluster.repoRoot().resolve("operator/target"))) {
        jar =
            jars.filter(
                    p ->
                        p.getFileName()
                            .toString()
                            .matches(
                                "gantry-operator-[^-]*-SNAPSHOT\\.jar|gantry-operator-[0-9.]*\\.jar"))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "operator/target/gantry-operator-*.jar missing: run mvn package"));
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-jar");
      command.add(jar.toString());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      env.put("KUBECONFIG", cluster.operatorKubeconfig().toString());
      env.put("GANTRY_WATCH_NAMESPACES", namespace);
      env.put("GANTRY_LEASE_NAMESPACE", namespace);
      env.put("GANTRY_METRICS_PORT", "0");
      env.put("GANTRY_LOG_FORMAT", "text");
      env.put("GANTRY_ALLOWED_DOMAINS", LocalCluster.ALLOWED_DOMAINS);
      env.put("GANTRY_KAFKA_TOPICS", LocalCluster.KAFKA_TOPICS);
      env.putAll(settings);
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

  public long pid() {
    return process.pid();
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
