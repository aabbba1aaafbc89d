package dev.gantry.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The tools' helm, offline ({@code lint}, {@code template}) or against a local cluster. Helm's own
 * state (repositories, cache) lives in a directory of the test run, never the user's.
 */
public final class Helm {

  private final Path kubeconfig;

  private Helm(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** For commands that need no cluster. */
  public static Helm offline() {
    return new Helm(null);
  }

  public static Helm against(LocalCluster cluster) {
    return new Helm(cluster.kubeconfig());
  }

  /** A chart of the repository's {@code helm/} directory. */
  public static String chart(String name) {
    return LocalCluster.repoRoot().resolve("helm").resolve(name).toString();
  }

  /** What helm printed and its exit code. */
  public record Result(int code, String stdout, String stderr) {
    public boolean ok() {
      return code == 0;
    }

    /** Everything helm printed: where its error messages are. */
    public String output() {
      return stdout + stderr;
    }
  }

  /**
   * Runs {@code helm ARGS}; fails the test with helm's output unless it succeeds; returns stdout.
   */
  public String ok(String... args) {
    Result result = run(args);
    if (!result.ok()) {
      throw new AssertionError(
          "helm "
              + String.join(" ", args)
              + " failed ("
              + result.code()
              + "):\n"
              + result.output());
    }
    return result.stdout();
  }

  /** Runs {@code helm ARGS} and returns whatever happened. */
  public Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Tools.bin("helm").toString());
    command.addAll(List.of(args));
    if (kubeconfig != null) {
      command.add("--kubeconfig");
      command.add(kubeconfig.toString());
    }
    try {
      Path home =
          Files.createDirectories(
              Path.of(System.getProperty("java.io.tmpdir"), "gantry-helm-home"));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
      builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
      builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
      builder.environment().remove("KUBECONFIG");
      Path stdout = Files.createTempFile("gantry-helm", ".out");
      Path stderr = Files.createTempFile("gantry-helm", ".err");
      builder.redirectOutput(stdout.toFile());
      builder.redirectError(stderr.toFile());
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(stdout),
              withoutSymlinkNotices(Files.readString(stderr)));
      Files.delete(stdout);
      Files.delete(stderr);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The charts link the repository's crds/ and the microservice chart; helm says so on every run.
   */
  private static String withoutSymlinkNotices(String text) {
    return text.lines()
        .filter(line -> !line.contains("found symbolic link in path"))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
