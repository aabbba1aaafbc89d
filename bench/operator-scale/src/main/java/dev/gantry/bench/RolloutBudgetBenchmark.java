package dev.gantry.bench;

import static dev.gantry.bench.OperatorScaleBenchmark.awaitTrue;
import static dev.gantry.bench.OperatorScaleBenchmark.count;
import static dev.gantry.bench.OperatorScaleBenchmark.freePort;
import static dev.gantry.bench.OperatorScaleBenchmark.inParallel;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N Microservices changed at once, under an operator-wide budget of concurrent rollouts and without
 * one, in the same run on the same fresh local control plane. Prints, for both: the most rollouts
 * progressing at once, seconds until all N are Healthy on their new revision, the API server's peak
 * request rate (all clients, per second, from its own counters) and the operator's peak RSS.
 *
 * <p>Arguments: N (default 500) and the budget (default 25).
 */
public final class RolloutBudgetBenchmark {

  private static final String SPEC =
      """
      image: bench/service:%s
      config: {greeting: hello}
      resources: {requests: {cpu: 10m, memory: 32Mi}}
      """;

  record Result(
      String mode,
      int maxProgressing,
      double seconds,
      double peakRequestsPerSecond,
      long peakRss) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int budget = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    LocalCluster cluster = LocalCluster.dedicated("bench-budget");
    cluster.installThirdPartyCrds();
    List<Result> results = new ArrayList<>();
    results.add(
        run(cluster, n, "budget " + budget, Map.of("GANTRY_MAX_CONCURRENT_ROLLOUTS", "" + budget)));
    results.add(run(cluster, n, "no budget", Map.of()));
    System.out.println();
    System.out.printf(
        "%-12s %6s %16s %18s %18s %14s%n",
        "mode", "N", "max progressing", "s to all Healthy", "peak API req/s", "peak RSS MiB");
    for (Result r : results) {
      System.out.printf(
          "%-12s %6d %16d %18.1f %18.0f %14.0f%n",
          r.mode(),
          n,
          r.maxProgressing(),
          r.seconds(),
          r.peakRequestsPerSecond(),
          r.peakRss() / 1024.0);
    }
    System.exit(0);
  }

  private static Result run(LocalCluster cluster, int n, String mode, Map<String, String> budget)
      throws Exception {
    KubernetesClient admin = cluster.admin();
    String namespace = cluster.createNamespace("budget");
    System.out.printf("%n%s: %d Microservices in %s%n", mode, n, namespace);
    int metricsPort = freePort();
    // The chart's resync interval: a resync of 500 Microservices a minute would blur the peak.
    Map<String, String> settings = new java.util.HashMap<>(budget);
    settings.put("GANTRY_RESYNC_INTERVAL", "10m");
    try (OperatorProcess operator =
        OperatorScaleBenchmark.startOperator(cluster, namespace, metricsPort, settings)) {
      SharedIndexInformer<Microservice> microservices =
          cluster.microservices().inNamespace(namespace).inform();
      inParallel(
          n,
          i ->
              cluster
                  .microservices()
                  .inNamespace(namespace)
                  .resource(microservice(namespace, i, "1"))
                  .create());
      awaitTrue(
          "first revisions Healthy",
          () -> count(microservices, RolloutBudgetBenchmark::healthy) == n);
      Map<String, String> first = new ConcurrentHashMap<>();
      microservices
          .getStore()
          .list()
          .forEach(m -> first.put(m.getMetadata().getName(), m.getStatus().stableRevision()));
      System.out.printf("  %d Healthy on their first revision; changing all at once%n", n);

      Set<String> progressing = ConcurrentHashMap.newKeySet();
      AtomicInteger max = new AtomicInteger();
      microservices.addEventHandler(
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(Microservice ms) {}

            @Override
            public void onUpdate(Microservice old, Microservice ms) {
              if (ms.getStatus() != null && ms.getStatus().canaryRevision() != null) {
                progressing.add(ms.getMetadata().getName());
              } else {
                progressing.remove(ms.getMetadata().getName());
              }
              max.accumulateAndGet(progressing.size(), Math::max);
            }

            @Override
            public void onDelete(Microservice ms, boolean unknown) {}
          });
      AtomicLong peakRate = new AtomicLong();
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      double[] last = {requestsServed(admin)};
      sampler.scheduleAtFixedRate(
          () -> {
            double now = requestsServed(admin);
            peakRate.accumulateAndGet((long) (now - last[0]), Math::max);
            last[0] = now;
          },
          1,
          1,
          TimeUnit.SECONDS);
      long start = System.nanoTime();
      inParallel(
          n,
          i ->
              cluster
                  .microservices()
                  .inNamespace(namespace)
                  .withName(microservice(namespace, i, "2").getMetadata().getName())
                  .patch(
                      PatchContext.of(PatchType.JSON_MERGE),
                      "{\"spec\":{\"image\":\"bench/service:2\"}}"));
      awaitTrue(
          "all Healthy on the new revision",
          () ->
              count(
                      microservices,
                      m ->
                          healthy(m)
                              && !first
                                  .get(m.getMetadata().getName())
                                  .equals(m.getStatus().stableRevision()))
                  == n,
          Duration.ofMinutes(30));
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.shutdownNow();
      microservices.close();
      long[] rss = OperatorScaleBenchmark.rss(operator.pid());
      System.out.printf(
          "  %s: max %d progressing, %.1f s, peak %d API requests/s, peak RSS %.0f MiB%n",
          mode, max.get(), seconds, peakRate.get(), rss[1] / 1024.0);
      return new Result(mode, max.get(), seconds, peakRate.get(), rss[1]);
    } finally {
      // The next run starts on a cluster without this one's objects and pods.
      admin.namespaces().withName(namespace).delete();
      awaitTrue(
          "namespace " + namespace + " deleted",
          () -> admin.namespaces().withName(namespace).get() == null,
          Duration.ofMinutes(10));
    }
  }

  private static boolean healthy(Microservice m) {
    return m.getStatus() != null
        && m.getStatus().phase() == Phase.Healthy
        && m.getMetadata().getGeneration().equals(m.getStatus().observedGeneration());
  }

  /** Every request the API server has answered since it started: its apiserver_request_total. */
  private static double requestsServed(KubernetesClient admin) {
    String metrics = admin.raw("/metrics");
    return metrics == null
        ? 0
        : metrics
            .lines()
            .filter(l -> l.startsWith("apiserver_request_total{"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
  }

  private static Microservice microservice(String namespace, int i, String version) {
    Microservice ms = new Microservice();
    ms.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(String.format("svc-%04d", i))
            .build());
    ms.setSpec(Serialization.unmarshal(SPEC.formatted(version), MicroserviceSpec.class));
    return ms;
  }
}
