package dev.gantry.bench;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.OperatorProcess;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time from a ReleaseAction's creation to the VirtualService carrying the new weight, over
 * sequential SetWeight actions against the packaged operator. Prints p50, p99 and max.
 *
 * <p>Arguments: the number of actions (default 100).
 */
public final class ReleaseActionLatencyBenchmark {

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    LocalCluster cluster = LocalCluster.dedicated("bench-actions");
    cluster.installThirdPartyCrds();
    Microservices services = new Microservices(cluster, cluster.createNamespace("actions"));
    String namespace = services.namespace();
    String spec =
        """
        image: shop/order:%s
        replicas: 1
        rollout: {strategy: Canary, canary: {steps: [{setWeight: 5}, {pause: {}}]}}
        """;
    var log = Files.createTempFile("gantry-bench-actions", ".log");
    try (OperatorProcess operator =
        OperatorProcess.start(
            cluster,
            namespace,
            log,
            Map.of("MALLOC_ARENA_MAX", "2"),
            OperatorScaleBenchmark.jvmOptions())) {
      services.create("order", spec.formatted("1"));
      services.await("order", "healthy", Duration.ofSeconds(120), s -> s.phase() == Phase.Healthy);
      services.edit("order", spec.formatted("2"));
      services.await("order", "paused at 5%", s -> s.phase() == Phase.Paused);

      Map<Integer, Long> seen = new ConcurrentHashMap<>();
      var watch =
          cluster
              .admin()
              .resources(VirtualService.class)
              .inNamespace(namespace)
              .withName("order")
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, VirtualService vs) {
                      vs.getSpec().getHttp().stream()
                          .filter(r -> "primary".equals(r.getName()))
                          .findFirst()
                          .flatMap(
                              r ->
                                  r.getRoute().stream()
                                      .filter(d -> "canary".equals(d.getDestination().getSubset()))
                                      .findFirst())
                          .ifPresent(d -> seen.putIfAbsent(d.getWeight(), System.nanoTime()));
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  });
      List<Double> millis = new ArrayList<>();
      int warmup = 10;
      for (int i = 0; i < count + warmup; i++) {
        int weight = 10 + (i % 80);
        seen.remove(weight);
        ReleaseAction action = new ReleaseAction();
        action.setMetadata(
            new ObjectMetaBuilder().withGenerateName("bench-").withNamespace(namespace).build());
        action.setSpec(
            new ReleaseActionSpec(
                "order", ReleaseActionSpec.Action.SetWeight, weight, "benchmark", "gantry-admin"));
        long start = System.nanoTime();
        cluster.admin().resource(action).create();
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(1))
            .until(() -> seen.containsKey(weight));
        if (i >= warmup) {
          millis.add((seen.get(weight) - start) / 1e6);
        }
      }
      watch.close();
      Collections.sort(millis);
      System.out.println();
      System.out.printf(
          "ReleaseAction created -> VirtualService carries the weight, %d actions (after %d warm-up)%n",
          count, warmup);
      System.out.printf(
          "  p50 %.0f ms   p99 %.0f ms   max %.0f ms   (target p99 <= 200 ms)%n",
          percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1));
    }
    System.exit(0);
  }

  private static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
