package dev.gantry.bench;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.config.OperatorConfig;
import dev.gantry.operator.render.AuthorizationPolicies;
import dev.gantry.operator.render.ConfigMaps;
import dev.gantry.operator.render.Dashboards;
import dev.gantry.operator.render.Deployments;
import dev.gantry.operator.render.DestinationRules;
import dev.gantry.operator.render.DisruptionBudgets;
import dev.gantry.operator.render.Platform;
import dev.gantry.operator.render.Revisions;
import dev.gantry.operator.render.ServiceAccounts;
import dev.gantry.operator.render.ServiceMonitors;
import dev.gantry.operator.render.Services;
import dev.gantry.operator.render.VirtualServices;
import dev.gantry.operator.rollout.Routing;
import dev.gantry.operator.testing.AuditLog;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Applies N Microservices at once to a fresh local control plane and measures the operator against
 * the floor: a plain fabric8 client creating the same child objects with the same parallelism.
 * Prints seconds until everything is ready for both, their ratio, the operator's RSS, its writes
 * per Microservice and its writes during one no-op resync.
 *
 * <p>Arguments: the sizes to run (default 100 500).
 */
public final class OperatorScaleBenchmark {

  private static final int PARALLELISM = 20;
  private static final String SPEC =
      """
      image: bench/service:1
      config: {greeting: hello}
      resources: {requests: {cpu: 10m, memory: 32Mi}}
      traffic: {timeout: 2s}
      """;

  /**
   * The operator's JVM options as its container sets them (operator/jvm.options), with a heap cap,
   * plus any in BENCH_OPERATOR_JVM_OPTIONS (space-separated: a profiler, memory tracking).
   */
  static List<String> jvmOptions() throws IOException {
    List<String> options =
        new ArrayList<>(
            Files.readAllLines(LocalCluster.repoRoot().resolve("operator/jvm.options")));
    options.removeIf(String::isBlank);
    options.add("-Xmx" + System.getProperty("bench.heap", "112m"));
    String extra = System.getenv().getOrDefault("BENCH_OPERATOR_JVM_OPTIONS", "").trim();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options;
  }

  record Result(
      int n,
      double operatorSeconds,
      double floorSeconds,
      long rssKib,
      long peakRssKib,
      double writesPerMicroservice,
      int noOpWrites) {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String arg : args) {
      sizes.add(Integer.parseInt(arg));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(100, 500);
    }
    LocalCluster cluster = LocalCluster.dedicated("bench");
    cluster.installThirdPartyCrds();
    List<Result> results = new ArrayList<>();
    for (int n : sizes) {
      results.add(run(cluster, n));
    }
    System.out.println();
    System.out.printf(
        "%-6s %12s %12s %7s %10s %14s %16s %14s%n",
        "N",
        "operator s",
        "floor s",
        "ratio",
        "RSS MiB",
        "peak RSS MiB",
        "writes / msvc",
        "no-op writes");
    for (Result r : results) {
      System.out.printf(
          "%-6d %12.1f %12.1f %7.2f %10.0f %14.0f %16.1f %14d%n",
          r.n(),
          r.operatorSeconds(),
          r.floorSeconds(),
          r.operatorSeconds() / r.floorSeconds(),
          r.rssKib() / 1024.0,
          r.peakRssKib() / 1024.0,
          r.writesPerMicroservice(),
          r.noOpWrites());
    }
    System.out.println("targets: ratio <= 1.3, no-op writes = 0, RSS <= 256 MiB at N = 500");
    System.exit(0);
  }

  static Result run(LocalCluster cluster, int n) throws Exception {
    KubernetesClient admin = cluster.admin();
    System.out.printf("%nN = %d%n", n);

    // The floor: the same objects the operator makes for this spec, created directly.
    String floorNamespace = cluster.createNamespace("floor" + n);
    // The cluster as the operator sees it: Istio (networking and security) and Prometheus-Operator
    // installed, the operator's default configuration.
    Platform platform = OperatorConfig.from(name -> null).platform(true, true, true, true, false);
    // Completion is watched through informers: polling lists of hundreds of objects would load
    // the API server that both sides share.
    var floorDeployments = admin.apps().deployments().inNamespace(floorNamespace).inform();
    long floorStart = System.nanoTime();
    inParallel(
        n,
        i -> {
          floorObjects(microservice(floorNamespace, i), platform)
              .forEach(o -> admin.resource(o).create());
          return null;
        });
    awaitTrue(
        "floor deployments ready",
        () -> count(floorDeployments, OperatorScaleBenchmark::ready) == n);
    double floorSeconds = (System.nanoTime() - floorStart) / 1e9;
    floorDeployments.close();
    System.out.printf("  floor: %.1f s%n", floorSeconds);

    // The operator, as its container runs it.
    String namespace = cluster.createNamespace("bench" + n);
    int metricsPort = freePort();
    try (OperatorProcess operator = startOperator(cluster, namespace, metricsPort)) {
      // Leadership is acquired right after start: wait for the first lease so it is not timed.
      awaitTrue(
          "operator leads",
          () ->
              admin.leases().inNamespace(namespace).withName("gantry-operator-leader").get()
                  != null);
      AuditLog audit = cluster.auditLog();
      long from = audit.mark(namespace);
      var microservices = cluster.microservices().inNamespace(namespace).inform();
      long start = System.nanoTime();
      inParallel(
          n,
          i ->
              cluster
                  .microservices()
                  .inNamespace(namespace)
                  .resource(microservice(namespace, i))
                  .create());
      awaitTrue(
          "all Healthy",
          () ->
              count(
                      microservices,
                      m -> m.getStatus() != null && m.getStatus().phase() == Phase.Healthy)
                  == n);
      double operatorSeconds = (System.nanoTime() - start) / 1e9;
      microservices.close();
      System.out.printf("  operator: %.1f s%n", operatorSeconds);
      long healthy = audit.mark(namespace);
      long writes =
          audit.writesBetween(from, healthy, "gantry-operator").stream()
              .filter(w -> !"leases".equals(w.resource()))
              .count();

      // One full resync lets the last transitions' Events land; the next one is measured.
      awaitResync(metricsPort, n);
      long settled = audit.mark(namespace);
      awaitResync(metricsPort, n);
      long resynced = audit.mark(namespace);
      var noOp =
          audit.writesBetween(settled, resynced, "gantry-operator").stream()
              .filter(w -> !"leases".equals(w.resource()))
              .toList();
      int noOpWrites = noOp.size();
      noOp.stream().limit(5).forEach(w -> System.out.println("  no-op write: " + w));
      System.out.printf(
          "  operator CPU %.1f s, reconciliations %.0f%n",
          cpuSeconds(operator.pid()), counter(metricsPort, "operation=\"reconcile\""));
      sameObjects(admin, floorNamespace, namespace, platform);
      long[] rss = rss(operator.pid());
      return new Result(
          n, operatorSeconds, floorSeconds, rss[0], rss[1], writes / (double) n, noOpWrites);
    }
  }

  /**
   * The packaged operator as its container runs it, watching {@code namespace}, ready to serve; its
   * metrics on {@code metricsPort}, a resync a minute, its log in a temporary file.
   */
  static OperatorProcess startOperator(LocalCluster cluster, String namespace, int metricsPort)
      throws IOException {
    return startOperator(cluster, namespace, metricsPort, Map.of());
  }

  /** The same with more settings ({@code extra}, environment variables as the chart sets them). */
  static OperatorProcess startOperator(
      LocalCluster cluster, String namespace, int metricsPort, Map<String, String> extra)
      throws IOException {
    Path log = Files.createTempFile("gantry-bench-operator", ".log");
    Map<String, String> settings =
        new java.util.HashMap<>(
            Map.of(
                "GANTRY_METRICS_PORT",
                String.valueOf(metricsPort),
                "GANTRY_RESYNC_INTERVAL",
                "60s",
                "GANTRY_LOG_FORMAT",
                "json",
                "MALLOC_ARENA_MAX",
                "2"));
    settings.putAll(extra);
    OperatorProcess operator =
        OperatorProcess.start(cluster, namespace, log, settings, jvmOptions());
    awaitTrue("operator ready", () -> httpOk("http://127.0.0.1:" + metricsPort + "/readyz"));
    return operator;
  }

  /**
   * The floor is only a floor if it makes what the operator makes: the same objects of every kind.
   */
  private static void sameObjects(
      KubernetesClient admin, String floorNamespace, String namespace, Platform platform) {
    for (HasMetadata object : floorObjects(microservice(floorNamespace, 0), platform)) {
      var kind = admin.genericKubernetesResources(object.getApiVersion(), object.getKind());
      int floor = kind.inNamespace(floorNamespace).list().getItems().size();
      int operator = kind.inNamespace(namespace).list().getItems().size();
      if (floor != operator) {
        throw new IllegalStateException(
            object.getKind() + ": the floor made " + floor + ", the operator " + operator);
      }
    }
  }

  private static void awaitResync(int metricsPort, int n) {
    double before = counter(metricsPort, "outcome=\"unchanged\"");
    awaitTrue(
        "one resync of every Microservice",
        () -> counter(metricsPort, "outcome=\"unchanged\"") >= before + n,
        Duration.ofMinutes(3));
  }

  /** What the operator makes for one Microservice of this spec, from the same builders. */
  private static List<HasMetadata> floorObjects(Microservice ms, Platform platform) {
    String revision = Revisions.of(ms, platform, Map.of());
    return List.of(
        ConfigMaps.desired(ms, revision),
        ServiceAccounts.desired(ms),
        Deployments.desired(ms, platform, revision, 1),
        Services.desired(ms),
        DisruptionBudgets.desired(ms),
        DestinationRules.desired(ms, platform, Routing.allTo(revision)),
        VirtualServices.desired(ms, platform, Routing.allTo(revision)),
        AuthorizationPolicies.desired(ms, platform.mesh(), List.of()),
        ServiceMonitors.desired(ms),
        Dashboards.desired(ms, platform.metricsSource()));
  }

  static Microservice microservice(String namespace, int i) {
    Microservice ms = new Microservice();
    ms.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(String.format("svc-%04d", i))
            .build());
    ms.setSpec(Serialization.unmarshal(SPEC, MicroserviceSpec.class));
    return ms;
  }

  static <T> long count(
      io.fabric8.kubernetes.client.informers.SharedIndexInformer<T> informer,
      java.util.function.Predicate<T> condition) {
    return informer.getStore().list().stream().filter(condition).count();
  }

  private static boolean ready(Deployment d) {
    return d.getStatus() != null
        && d.getStatus().getReadyReplicas() != null
        && d.getStatus().getReadyReplicas() == 1;
  }

  static void inParallel(int n, IntFunction<Object> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.apply(index)));
      }
      for (Future<Object> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  static void awaitTrue(String what, BooleanSupplier condition) {
    awaitTrue(what, condition, Duration.ofMinutes(10));
  }

  static void awaitTrue(String what, BooleanSupplier condition, Duration atMost) {
    org.awaitility.Awaitility.await(what)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(condition::getAsBoolean);
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static boolean httpOk(String url) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static double counter(int port, String label) {
    try {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return body.lines()
          .filter(l -> l.startsWith("gantry_reconciliations_total{") && l.contains(label))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** User and system CPU time of a process, from /proc. */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** Current and peak resident set size in KiB, from /proc. */
  static long[] rss(long pid) throws IOException {
    long current = 0;
    long peak = 0;
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        current = Long.parseLong(line.replaceAll("\\D", ""));
      } else if (line.startsWith("VmHWM:")) {
        peak = Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return new long[] {current, peak};
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
