package dev.gantry.bench;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.dashboard.Dashboard;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's two figures: the time to serve the release list with N Microservices (every list,
 * permission check and render included, from the request to the last byte), and the delay from a
 * status change written to the API server to its server-sent event reaching a client. Prints p50
 * and p99 of each. No operator runs: statuses are written directly, as the operator would.
 *
 * <p>Arguments: the number of Microservices (default 500), the number of status changes (default
 * 100).
 */
public final class DashboardBenchmark {

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int changes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    LocalCluster cluster = LocalCluster.dedicated("bench-dashboard");
    Microservices shop = new Microservices(cluster, cluster.createNamespace("dash"));
    String namespace = shop.namespace();
    for (int i = 0; i < services; i++) {
      shop.create(
          "svc-" + i,
          "image: shop/s:1\nreplicas: 2\nrollout: {strategy: Canary, canary: {steps: [{setWeight: 10}, {pause: {}}]}}\n");
      status("svc-" + i, namespace, cluster, 10);
    }
    try (Dashboard dashboard =
        Dashboard.local(cluster.admin(), new Dashboard.Settings("127.0.0.1", 0, List.of()))) {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .cookieHandler(new CookieManager())
              .build();
      http.send(
          HttpRequest.newBuilder(URI.create(dashboard.url())).build(),
          HttpResponse.BodyHandlers.discarding());
      String base = "http://127.0.0.1:" + dashboard.port();

      List<Double> render = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long start = System.nanoTime();
        HttpResponse<String> page =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (page.statusCode() != 200 || !page.body().contains("svc-" + (services - 1))) {
          throw new IllegalStateException(
              "the list did not show every service: " + page.statusCode());
        }
        if (i >= 10) {
          render.add(took / 1e6);
        }
      }

      Map<String, Long> arrived = new ConcurrentHashMap<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/live"))
                              .header("Accept", "text/event-stream")
                              .build(),
                          HttpResponse.BodyHandlers.ofLines())
                      .body()
                      .forEach(
                          line -> {
                            int at = line.indexOf("data-weight=\"");
                            if (line.startsWith("data: ") && at >= 0 && line.contains("canary ")) {
                              arrived.putIfAbsent(
                                  line.substring(at + 13, line.indexOf('"', at + 13)),
                                  System.nanoTime());
                            }
                          });
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      reader.setDaemon(true);
      reader.start();
      Thread.sleep(3000);
      List<Double> delay = new ArrayList<>();
      for (int i = 0; i < changes; i++) {
        int weight = 11 + i % 89;
        arrived.remove(Integer.toString(weight));
        long start = System.nanoTime();
        status("svc-" + (i % services), namespace, cluster, weight);
        long deadline = start + 10_000_000_000L;
        while (!arrived.containsKey(Integer.toString(weight)) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        Long seen = arrived.get(Integer.toString(weight));
        if (seen == null) {
          throw new IllegalStateException("no event for weight " + weight + " within 10 s");
        }
        delay.add((seen - start) / 1e6);
        status("svc-" + (i % services), namespace, cluster, 10);
        Thread.sleep(20);
      }
      Collections.sort(render);
      Collections.sort(delay);
      System.out.printf(
          "dashboard list of %d Microservices, served in ms: p50 %.1f  p99 %.1f  (%d requests)%n",
          services, percentile(render, 50), percentile(render, 99), render.size());
      System.out.printf(
          "status change to its server-sent event, ms: p50 %.1f  p99 %.1f  (%d changes)%n",
          percentile(delay, 50), percentile(delay, 99), delay.size());
      System.out.println("target: the issue asks for a change in the open page within 1 s");
    }
    System.exit(0);
  }

  private static void status(String name, String namespace, LocalCluster cluster, int weight) {
    cluster
        .admin()
        .resources(Microservice.class)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            ms -> {
              ms.setStatus(
                  MicroserviceStatus.builder()
                      .phase(Phase.Paused)
                      .stableRevision("s1")
                      .canaryRevision("c2")
                      .canaryWeight(weight)
                      .currentStepIndex(1)
                      .readyReplicas(2)
                      .build());
              return ms;
            });
  }

  private static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
