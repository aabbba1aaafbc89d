package dev.gantry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.AuditLog;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reconciling a Microservice whose children all match makes no write at all: measured in the API
 * server's audit log, by the operator's own identity, across several forced resyncs.
 */
class NoOpResyncIT {

  private static final String OPERATOR_USER = "gantry-operator";

  @Test
  void resyncWithNothingChangedWritesNothing() {
    LocalCluster cluster = LocalCluster.shared();
    String namespace = cluster.createNamespace("noop");
    try (RunningOperator operator =
        RunningOperator.start(
            cluster,
            namespace,
            Map.of(
                "GANTRY_RESYNC_INTERVAL", "1s",
                "GANTRY_ETCD_ENDPOINTS", "http://etcd:2379"))) {
      create(cluster, namespace, "plain", "image: shop/plain:1");
      create(
          cluster,
          namespace,
          "full",
          """
          image: shop/full:1
          replicas: 2
          config: {a: '1', b: two}
          env: [{name: MODE, value: fast}, {name: SECRET, valueFrom: {secretKeyRef: {name: full-credentials, key: k}}}]
          resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: '1', memory: 1Gi}}
          discovery: {enabled: true}
          kafka: {produces: [t1], consumes: [t2]}
          monitoring: {path: /metrics, interval: 15s}
          traffic:
            hosts: [full.example.com]
            publicPaths: [/api/*]
            gateways: [istio-system/gantry-gateway]
            timeout: 1500ms
            retries: {attempts: 2, perTryTimeout: 500ms, retryOn: "5xx"}
            circuitBreaker: {consecutive5xxErrors: 3, interval: 10s, baseEjectionTime: 30s, maxConnections: 10}
          """);
      create(
          cluster,
          namespace,
          "scaled",
          """
          image: shop/scaled:1
          resources: {requests: {cpu: 100m}}
          autoscaling: {minReplicas: 2, maxReplicas: 4}
          """);
      await("all healthy")
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  cluster.microservices().inNamespace(namespace).list().getItems().stream()
                      .allMatch(
                          m -> m.getStatus() != null && m.getStatus().phase() == Phase.Healthy));

      // The Event of the last transition is written just after its status: one resync of each
      // Microservice first, so it is not counted as a resync's write.
      double settled = operator.counter("gantry_reconciliations_total", "outcome=\"unchanged\"");
      await("one resync of each Microservice")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  operator.counter("gantry_reconciliations_total", "outcome=\"unchanged\"")
                      >= settled + 3);
      AuditLog audit = cluster.auditLog();
      long from = audit.mark(namespace);
      double before = operator.counter("gantry_reconciliations_total", "outcome=\"unchanged\"");
      await("three resyncs of each Microservice")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  operator.counter("gantry_reconciliations_total", "outcome=\"unchanged\"")
                      >= before + 9);
      long to = audit.mark(namespace);

      List<AuditLog.Write> writes =
          audit.writesBetween(from, to, OPERATOR_USER).stream()
              .filter(w -> !"leases".equals(w.resource()))
              .toList();
      assertThat(writes)
          .as("writes by the operator during no-op resyncs (leader lease renewals aside)")
          .isEmpty();
    }
  }

  private static void create(LocalCluster cluster, String namespace, String name, String spec) {
    Microservice ms = new Microservice();
    ms.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    ms.setSpec(Serialization.unmarshal(spec, MicroserviceSpec.class));
    cluster.microservices().inNamespace(namespace).resource(ms).create();
  }
}
