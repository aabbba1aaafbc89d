package dev.gantry.bench;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.compatibility.ApiGate;
import dev.gantry.operator.compatibility.Contracts;
import dev.gantry.operator.compatibility.Document;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The API-compatibility gate's cost. First the time to judge one release: the coffee shop's real
 * documents (member losing GET /members/{id}, which order uses; order gaining an operation) and a
 * generated document of about 500 operations, each compared with its previous version; target under
 * 200 ms per comparison. Then the operator's memory with N Microservices each carrying a document,
 * beside the same N without one; target: within the operator's budget (RSS <= 256 MiB at N = 500,
 * as bench/operator-scale.sh measures it).
 *
 * <p>Arguments: N (default 500; 0 measures judgements only). Needs the coffee shop's generated
 * documents (the script builds them).
 */
public final class ApiGateBenchmark {

  private static final int WARMUP = 20;
  private static final int TIMED = 50;
  private static final String SPEC =
      """
      image: bench/service:1
      resources: {requests: {cpu: 10m, memory: 32Mi}}
      """;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Path swagger = LocalCluster.repoRoot().resolve("services");
    String member = Files.readString(document(swagger, "member"));
    String order = Files.readString(document(swagger, "order"));
    String large = GeneratedApi.document(500, 0);
    String largeNext = GeneratedApi.document(500, 10);
    List<String[]> rows = new ArrayList<>();
    rows.add(
        time(
            "member (coffee shop), an operation removed",
            member,
            member.replace("/members/{id}:", "/members/by-id/{id}:"),
            new Contracts.Consumer("order", List.of("GET /members/{id}"))));
    rows.add(
        time(
            "order (coffee shop), an operation added",
            order,
            order.replace(
                "paths:",
                "paths:\n  /orders/{id}/receipt:\n    get:\n      responses:\n        \"200\": {description: ok}"),
            new Contracts.Consumer("web", null)));
    rows.add(
        time(
            "generated, " + GeneratedApi.operations(large) + " operations, 10 changed",
            large,
            largeNext,
            new Contracts.Consumer("web", null)));
    System.out.printf(
        "%n%-52s %9s %9s %9s %9s %10s%n", "comparison", "KiB", "median", "p95", "max", "target");
    rows.forEach(
        r ->
            System.out.printf(
                "%-52s %9s %9s %9s %9s %10s%n", r[0], r[1], r[2], r[3], r[4], "< 200 ms"));

    if (n == 0) {
      System.exit(0);
    }
    LocalCluster cluster = LocalCluster.dedicated("bench-api");
    cluster.installThirdPartyCrds();
    String document = GeneratedApi.document(40, 0);
    long[] without = memory(cluster, n, null);
    long[] with = memory(cluster, n, document);
    System.out.printf(
        "%n%-44s %10s %14s%n", "N = " + n + " Microservices", "RSS MiB", "peak RSS MiB");
    System.out.printf(
        "%-44s %10.0f %14.0f%n",
        "without documents (baseline)", without[0] / 1024.0, without[1] / 1024.0);
    System.out.printf(
        "%-44s %10.0f %14.0f%n",
        "each with a " + document.length() / 1024 + " KiB document (40 operations)",
        with[0] / 1024.0,
        with[1] / 1024.0);
    System.out.println("target: RSS <= 256 MiB at N = 500 (the operator's budget)");
    System.exit(0);
  }

  private static Path document(Path services, String service) {
    Path file =
        services
            .resolve(service)
            .resolve("target/classes/META-INF/swagger/" + service + "-1.0.yml");
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: build the services first");
    }
    return file;
  }

  /** Judges {@code before → after} repeatedly as the operator would; milliseconds per judgement. */
  private static String[] time(
      String name, String before, String after, Contracts.Consumer consumer) {
    Contracts contracts =
        new Contracts(
            "svc",
            "b",
            "a",
            Document.of(after),
            Document.of(before),
            Map.of(),
            Map.of(),
            List.of(consumer),
            Map.of(),
            List.of());
    String verdict = null;
    for (int i = 0; i < WARMUP; i++) {
      verdict = ApiGate.judge(contracts).verdict();
    }
    double[] ms = new double[TIMED];
    for (int i = 0; i < TIMED; i++) {
      long start = System.nanoTime();
      ApiGate.judge(contracts);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("  %s: %s%n", name, verdict);
    return new String[] {
      name,
      String.valueOf((before.length() + after.length()) / 2 / 1024),
      String.format("%.1f ms", ms[TIMED / 2]),
      String.format("%.1f ms", ms[(int) (TIMED * 0.95)]),
      String.format("%.1f ms", ms[TIMED - 1]),
    };
  }

  /**
   * The operator's RSS once {@code n} Microservices are Healthy (and judged, with a document):
   * current and peak, KiB.
   */
  private static long[] memory(LocalCluster cluster, int n, String document) throws Exception {
    String namespace = cluster.createNamespace(document == null ? "plain" : "documented");
    int metricsPort = OperatorScaleBenchmark.freePort();
    try (OperatorProcess operator =
        OperatorScaleBenchmark.startOperator(cluster, namespace, metricsPort)) {
      var microservices = cluster.microservices().inNamespace(namespace).inform();
      OperatorScaleBenchmark.inParallel(
          n,
          i -> {
            String name = String.format("svc-%04d", i);
            String spec = SPEC;
            if (document != null) {
              cluster
                  .admin()
                  .resource(
                      new ConfigMapBuilder()
                          .withNewMetadata()
                          .withName(name + "-openapi")
                          .withNamespace(namespace)
                          .withLabels(Map.of("gantry.dev/api-document", "true"))
                          .endMetadata()
                          .withData(Map.of("openapi.yaml", document))
                          .build())
                  .create();
              spec += "api: {openapi: {configMap: " + name + "-openapi, key: openapi.yaml}}\n";
            }
            Microservice ms = new Microservice();
            ms.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
            ms.setSpec(Serialization.unmarshal(spec, MicroserviceSpec.class));
            return cluster.microservices().inNamespace(namespace).resource(ms).create();
          });
      OperatorScaleBenchmark.awaitTrue(
          "all Healthy" + (document == null ? "" : " and judged"),
          () ->
              OperatorScaleBenchmark.count(
                      microservices,
                      m ->
                          m.getStatus() != null
                              && m.getStatus().phase() == Phase.Healthy
                              && (document == null
                                  || (m.getStatus().api() != null
                                      && ApiStatus.COMPATIBLE.equals(
                                          m.getStatus().api().verdict()))))
                  == n,
          java.time.Duration.ofMinutes(15));
      microservices.close();
      long[] rss = OperatorScaleBenchmark.rss(operator.pid());
      if (OperatorScaleBenchmark.jvmOptions().contains("-XX:NativeMemoryTracking=summary")) {
        // Where the memory is, by JVM area (heap, metaspace, code, threads …).
        new ProcessBuilder("jcmd", String.valueOf(operator.pid()), "VM.native_memory", "summary")
            .inheritIO()
            .start()
            .waitFor();
      }
      System.out.printf(
          "  %s: RSS %d MiB%n",
          document == null ? "without documents" : "with documents", rss[0] / 1024);
      return rss;
    }
  }
}
