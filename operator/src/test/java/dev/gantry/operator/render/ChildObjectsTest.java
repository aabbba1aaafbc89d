package dev.gantry.operator.render;

import static dev.gantry.operator.Fixtures.microservice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.rollout.Routing;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The objects besides the pod: Service, Deployment, routes, monitors, autoscaler, budget. */
class ChildObjectsTest {

  private static final Platform ISTIO = new Platform(true, true, List.of(), null, null);

  @Test
  void serviceSelectsEveryRevisionOnPort80() {
    var svc = Services.desired(microservice("order", "image: shop/order:1\nport: 9000"));
    assertThat(svc.getMetadata().getName()).isEqualTo("order");
    assertThat(svc.getSpec().getSelector())
        .containsExactlyEntriesOf(java.util.Map.of(Labels.MICROSERVICE, "order"));
    assertThat(svc.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort()).isEqualTo(80);
              assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http"));
              assertThat(p.getName()).isEqualTo("http");
            });
  }

  @Test
  void deploymentIsNamedAfterItsRevisionAndSelectsOnlyIt() {
    var d =
        Deployments.desired(microservice("order", "image: shop/order:1"), Platform.BARE, "abc", 3);
    assertThat(d.getMetadata().getName()).isEqualTo("order-abc");
    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
    assertThat(d.getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.MICROSERVICE, "order")
        .containsEntry(Labels.REVISION, "abc");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.ISTIO_APP, "order")
        .containsEntry(Labels.ISTIO_VERSION, "abc");
  }

  @Test
  void retainedDeploymentKeepsItsTemplateAndChangesOnlyReplicas() {
    var current =
        Deployments.desired(microservice("order", "image: shop/order:1"), Platform.BARE, "old", 3);
    current.getMetadata().setResourceVersion("42");
    current.getMetadata().setUid("u-1");
    var retained = Deployments.retained(current, 0);
    assertThat(retained.getSpec().getReplicas()).isZero();
    assertThat(retained.getSpec().getTemplate()).isEqualTo(current.getSpec().getTemplate());
    assertThat(retained.getMetadata().getResourceVersion()).isNull();
    assertThat(retained.getMetadata().getUid()).isNull();
    assertThat(current.getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void destinationRuleSubsetsSelectStableAndCanaryRevisions() {
    var dr =
        DestinationRules.desired(
            microservice("order", "image: shop/order:1"), ISTIO, new Routing("s1", "c1", 20));
    assertThat(dr.getSpec().getHost()).isEqualTo("order.shop.svc.cluster.local");
    assertThat(dr.getSpec().getExportTo())
        .as("never changes other namespaces' routing")
        .containsExactly(".");
    assertThat(dr.getSpec().getSubsets())
        .extracting(s -> s.getName() + "=" + s.getLabels().get(Labels.REVISION))
        .containsExactly("stable=s1", "canary=c1");
    assertThat(dr.getSpec().getTrafficPolicy()).isNull();
  }

  @Test
  void circuitBreakerBecomesOutlierDetectionAndConnectionPool() {
    var dr =
        DestinationRules.desired(
            microservice(
                "order",
                """
        image: shop/order:1
        traffic:
          circuitBreaker: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 1m30s, maxEjectionPercent: 50,
                           maxConnections: 100, maxPendingRequests: 10, maxRequestsPerConnection: 1}
        """),
            ISTIO,
            Routing.allTo("s1"));
    var policy = dr.getSpec().getTrafficPolicy();
    assertThat(policy.getOutlierDetection().getConsecutive5xxErrors()).isEqualTo(5);
    assertThat(policy.getOutlierDetection().getInterval()).isEqualTo("10s");
    assertThat(policy.getOutlierDetection().getBaseEjectionTime()).isEqualTo("90s");
    assertThat(policy.getOutlierDetection().getMaxEjectionPercent()).isEqualTo(50);
    assertThat(policy.getConnectionPool().getTcp().getMaxConnections()).isEqualTo(100);
    assertThat(policy.getConnectionPool().getHttp().getHttp1MaxPendingRequests()).isEqualTo(10);
    assertThat(policy.getConnectionPool().getHttp().getMaxRequestsPerConnection()).isEqualTo(1);
  }

  @Test
  void virtualServiceSendsEverythingToStableWithoutACanary() {
    var vs =
        VirtualServices.desired(
            microservice(
                "order",
                """
        image: shop/order:1
        traffic: {timeout: 1500ms, retries: {attempts: 3, perTryTimeout: 500ms, retryOn: "5xx,reset"}}
        """),
            ISTIO,
            Routing.allTo("s1"));
    assertThat(vs.getSpec().getHosts()).containsExactly("order");
    assertThat(vs.getSpec().getGateways()).isNullOrEmpty();
    HTTPRoute route = vs.getSpec().getHttp().get(0);
    assertThat(route.getRoute())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDestination().getSubset()).isEqualTo("stable");
              assertThat(d.getDestination().getHost()).isEqualTo("order.shop.svc.cluster.local");
              assertThat(d.getWeight()).isEqualTo(100);
            });
    assertThat(route.getTimeout()).isEqualTo("1.500s");
    assertThat(route.getRetries().getAttempts()).isEqualTo(3);
    assertThat(route.getRetries().getPerTryTimeout()).isEqualTo("0.500s");
    assertThat(route.getRetries().getRetryOn()).isEqualTo("5xx,reset");
  }

  @Test
  void virtualServiceSplitsWeightAndAddsTheMeshGatewayWithOthers() {
    var vs =
        VirtualServices.desired(
            microservice(
                "order",
                """
        image: shop/order:1
        traffic: {hosts: [order.example.com], gateways: [istio-system/public]}
        """),
            ISTIO,
            new Routing("s1", "c1", 30));
    assertThat(vs.getSpec().getHosts()).containsExactly("order", "order.example.com");
    assertThat(vs.getSpec().getGateways()).containsExactly("istio-system/public", "mesh");
    assertThat(vs.getSpec().getExportTo())
        .as("its own namespace, and the gateway's")
        .containsExactly(".", "istio-system");
    assertThat(vs.getSpec().getHttp().get(0).getRoute())
        .extracting(d -> d.getDestination().getSubset() + "=" + d.getWeight())
        .containsExactly("stable=70", "canary=30");
  }

  @Test
  void serviceMonitorScrapesTheMetricsPathAndLabelsTheRevision() {
    var sm =
        ServiceMonitors.desired(
            microservice(
                "order",
                """
        image: shop/order:1
        monitoring: {path: /metrics, interval: 1m}
        """));
    var endpoint = sm.getSpec().getEndpoints().get(0);
    assertThat(endpoint.getPort()).isEqualTo("http");
    assertThat(endpoint.getPath()).isEqualTo("/metrics");
    assertThat(endpoint.getInterval()).isEqualTo("60s");
    assertThat(endpoint.getRelabelings())
        .anySatisfy(r -> assertThat(r.getTargetLabel()).isEqualTo("revision"));
  }

  @Test
  void autoscalerScalesTheMicroserviceNotADeployment() {
    var hpa =
        Autoscalers.desired(
            microservice(
                "order",
                """
        image: shop/order:1
        resources: {requests: {cpu: 100m}}
        autoscaling: {minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 70}
        """));
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Microservice");
    assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("gantry.dev/v1alpha1");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(70);
  }

  @Test
  void disruptionBudgetAllowsOneVoluntaryDisruptionAndEvictsUnhealthyPods() {
    var pdb = DisruptionBudgets.desired(microservice("order", "image: shop/order:1"));
    assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.MICROSERVICE, "order");
  }
}
