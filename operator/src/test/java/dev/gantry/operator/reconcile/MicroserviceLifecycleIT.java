package dev.gantry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Microservice's life on a real control plane, with Istio and Prometheus-Operator CRDs: create,
 * change image, change config, scale, delete. Pods become Ready through kwok; the namespace
 * enforces the restricted Pod Security level.
 */
class MicroserviceLifecycleIT {

  private static LocalCluster cluster;
  private static KubernetesClient admin;
  private static String namespace;
  private static RunningOperator operator;
  private static Microservices services;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.shared();
    admin = cluster.admin();
    namespace = cluster.createNamespace("lifecycle");
    services = new Microservices(cluster, namespace);
    operator =
        RunningOperator.start(
            cluster,
            namespace,
            Map.of(
                "GANTRY_ETCD_ENDPOINTS", "https://etcd.registry.svc:2379",
                "GANTRY_ETCD_SECRET", "gantry-etcd",
                "GANTRY_KAFKA_BOOTSTRAP_SERVERS", "kafka.messaging.svc:9092"));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void createsEveryChildOwnedByTheMicroservice() {
    Microservice ms =
        apply(
            "orders",
            """
        image: shop/order:1.0.0
        replicas: 2
        port: 8081
        config: {greeting: hello}
        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
        discovery: {enabled: true}
        kafka: {produces: [order-placed]}
        traffic:
          timeout: 2s
          retries: {attempts: 2, perTryTimeout: 1s}
          circuitBreaker: {consecutive5xxErrors: 5, maxConnections: 50}
        """);
    Microservice healthy = awaitPhase("orders", Phase.Healthy);
    String revision = healthy.getStatus().stableRevision();
    assertThat(revision).matches("[0-9a-f]{10}");
    assertThat(healthy.getStatus().readyReplicas()).isEqualTo(2);
    assertThat(healthy.getStatus().observedGeneration())
        .isEqualTo(healthy.getMetadata().getGeneration());
    assertThat(healthy.getStatus().condition("Ready").orElseThrow().getStatus()).isEqualTo("True");

    Deployment deployment = get(Deployment.class, "orders-" + revision);
    assertOwnedBy(deployment, ms);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("shop/order:1.0.0");
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(
            e ->
                assertThat(e.getName() + "=" + e.getValue())
                    .isEqualTo("GANTRY_ETCD_ENDPOINTS=https://etcd.registry.svc:2379"))
        .anySatisfy(
            e ->
                assertThat(e.getName() + "=" + e.getValue())
                    .isEqualTo("GANTRY_ETCD_USERNAME=" + namespace + ".orders"))
        .anySatisfy(
            e ->
                assertThat(e.getName() + "=" + e.getValue())
                    .isEqualTo("KAFKA_BOOTSTRAP_SERVERS=kafka.messaging.svc:9092"));
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .as("the registry's CA and this service's own etcd password, from the platform's Secret")
        .filteredOn(v -> v.getSecret() != null)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getSecret().getSecretName()).isEqualTo("gantry-etcd");
              assertThat(v.getSecret().getItems())
                  .extracting(i -> i.getKey())
                  .containsExactly("ca.crt", "orders.password");
            });
    List<Pod> pods =
        admin
            .pods()
            .inNamespace(namespace)
            .withLabel("gantry.dev/revision", revision)
            .list()
            .getItems();
    assertThat(pods)
        .hasSize(2)
        .allSatisfy(
            p ->
                assertThat(p.getStatus().getConditions())
                    .anySatisfy(
                        c ->
                            assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True")));

    ConfigMap config = get(ConfigMap.class, "orders-" + revision + "-config");
    assertOwnedBy(config, ms);
    assertThat(config.getData().get("application.properties")).isEqualTo("greeting=hello\n");

    Service service = get(Service.class, "orders");
    assertOwnedBy(service, ms);
    assertThat(service.getSpec().getSelector()).containsEntry("gantry.dev/microservice", "orders");

    assertOwnedBy(get(PodDisruptionBudget.class, "orders"), ms);

    DestinationRule rule = get(DestinationRule.class, "orders");
    assertOwnedBy(rule, ms);
    assertThat(rule.getSpec().getSubsets())
        .allSatisfy(s -> assertThat(s.getLabels()).containsEntry("gantry.dev/revision", revision));
    assertThat(rule.getSpec().getTrafficPolicy().getOutlierDetection().getConsecutive5xxErrors())
        .isEqualTo(5);

    VirtualService route = get(VirtualService.class, "orders");
    assertOwnedBy(route, ms);
    assertThat(route.getSpec().getHttp().get(0).getRoute())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.getDestination().getSubset() + "=" + d.getWeight())
                    .isEqualTo("stable=100"));
    assertThat(route.getSpec().getHttp().get(0).getTimeout()).isEqualTo("2s");

    ServiceMonitor monitor = get(ServiceMonitor.class, "orders");
    assertOwnedBy(monitor, ms);
    assertThat(monitor.getSpec().getEndpoints().get(0).getPath()).isEqualTo("/prometheus");

    assertThat(
            admin
                .resources(HorizontalPodAutoscaler.class)
                .inNamespace(namespace)
                .withName("orders")
                .get())
        .as("no autoscaler without spec.autoscaling")
        .isNull();
    assertThat(admin.v1().events().inNamespace(namespace).list().getItems())
        .filteredOn(
            e ->
                "orders".equals(e.getInvolvedObject().getName())
                    && "Microservice".equals(e.getInvolvedObject().getKind()))
        .extracting(e -> e.getReason())
        .containsExactlyInAnyOrder("Pending", "Promoted");
  }

  @Test
  void imageChangeMakesTheNewRevisionStableAndScalesTheOldOneAway() {
    apply("members", "image: shop/member:1\nreplicas: 2");
    String first = awaitPhase("members", Phase.Healthy).getStatus().stableRevision();

    edit("members", "image: shop/member:2\nreplicas: 2");
    Microservice updated =
        await("members promoted")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> microservice("members"),
                m ->
                    m.getStatus() != null
                        && !first.equals(m.getStatus().stableRevision())
                        && m.getStatus().phase() == Phase.Healthy);
    String second = updated.getStatus().stableRevision();
    assertThat(updated.getStatus().previousRevision()).isEqualTo(first);
    assertThat(
            get(Deployment.class, "members-" + second)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("shop/member:2");
    await("old revision scaled to zero")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(get(Deployment.class, "members-" + first).getSpec().getReplicas())
                  .isZero();
              assertThat(
                      admin
                          .pods()
                          .inNamespace(namespace)
                          .withLabel("gantry.dev/revision", first)
                          .list()
                          .getItems())
                  .isEmpty();
            });
    assertThat(get(DestinationRule.class, "members").getSpec().getSubsets())
        .filteredOn(s -> s.getName().equals("stable"))
        .singleElement()
        .satisfies(s -> assertThat(s.getLabels()).containsEntry("gantry.dev/revision", second));

    // A third image retires the first revision entirely; the second is kept for undo.
    edit("members", "image: shop/member:3\nreplicas: 2");
    await("first revision deleted")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Microservice m = microservice("members");
              assertThat(m.getStatus().previousRevision()).isEqualTo(second);
              assertThat(
                      admin
                          .apps()
                          .deployments()
                          .inNamespace(namespace)
                          .withName("members-" + first)
                          .get())
                  .isNull();
              assertThat(get(Deployment.class, "members-" + second).getSpec().getReplicas())
                  .isZero();
            });
  }

  @Test
  void configChangeRollsOutLikeAnImageChange() {
    apply("baristas", "image: shop/barista:1\nconfig: {brew.seconds: '30'}");
    String first = awaitPhase("baristas", Phase.Healthy).getStatus().stableRevision();
    edit("baristas", "image: shop/barista:1\nconfig: {brew.seconds: '5'}");
    Microservice updated =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> microservice("baristas"),
                m ->
                    !first.equals(m.getStatus().stableRevision())
                        && m.getStatus().phase() == Phase.Healthy);
    String second = updated.getStatus().stableRevision();
    assertThat(
            get(ConfigMap.class, "baristas-" + second + "-config")
                .getData()
                .get("application.properties"))
        .isEqualTo("brew.seconds=5\n");
    assertThat(
            get(ConfigMap.class, "baristas-" + first + "-config")
                .getData()
                .get("application.properties"))
        .as("the previous revision keeps its own configuration")
        .isEqualTo("brew.seconds=30\n");
  }

  @Test
  void scaleSubresourceScalesTheStableRevision() {
    apply("notifier", "image: shop/notification:1\nreplicas: 1");
    String revision = awaitPhase("notifier", Phase.Healthy).getStatus().stableRevision();
    cluster.kubectl("scale", "-n", namespace, "microservice/notifier", "--replicas=3");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Microservice m = microservice("notifier");
              assertThat(m.getStatus().phase()).isEqualTo(Phase.Healthy);
              assertThat(m.getStatus().readyReplicas()).isEqualTo(3);
              assertThat(m.getStatus().stableRevision())
                  .as("scaling is not a new revision")
                  .isEqualTo(revision);
            });
    assertThat(
            cluster.kubectl(
                "get",
                "-n",
                namespace,
                "microservice/notifier",
                "-o",
                "jsonpath={.status.replicas} {.status.selector}"))
        .isEqualTo("3 gantry.dev/microservice=notifier,gantry.dev/revision=" + revision);
  }

  @Test
  void autoscalingCreatesAnAutoscalerOfTheMicroserviceAndRemovingItDeletesIt() {
    apply(
        "scaler",
        """
        image: shop/scaler:1
        resources: {requests: {cpu: 100m}}
        autoscaling: {minReplicas: 2, maxReplicas: 5}
        """);
    Microservice ms = awaitPhase("scaler", Phase.Healthy);
    assertThat(ms.getStatus().readyReplicas()).isEqualTo(2);
    HorizontalPodAutoscaler hpa = get(HorizontalPodAutoscaler.class, "scaler");
    assertOwnedBy(hpa, ms);
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Microservice");
    edit("scaler", "image: shop/scaler:1\nresources: {requests: {cpu: 100m}}\nreplicas: 1");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin
                        .resources(HorizontalPodAutoscaler.class)
                        .inNamespace(namespace)
                        .withName("scaler")
                        .get()
                    == null);
  }

  @Test
  void deletingTheMicroserviceCollectsEveryChild() {
    apply("doomed", "image: shop/doomed:1\nconfig: {a: b}");
    String revision = awaitPhase("doomed", Phase.Healthy).getStatus().stableRevision();
    cluster.microservices().inNamespace(namespace).withName("doomed").delete();
    await("children garbage collected")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(
                      admin
                          .apps()
                          .deployments()
                          .inNamespace(namespace)
                          .withName("doomed-" + revision)
                          .get())
                  .isNull();
              assertThat(
                      admin
                          .configMaps()
                          .inNamespace(namespace)
                          .withName("doomed-" + revision + "-config")
                          .get())
                  .isNull();
              assertThat(admin.services().inNamespace(namespace).withName("doomed").get()).isNull();
              assertThat(
                      admin
                          .resources(VirtualService.class)
                          .inNamespace(namespace)
                          .withName("doomed")
                          .get())
                  .isNull();
              assertThat(
                      admin
                          .resources(DestinationRule.class)
                          .inNamespace(namespace)
                          .withName("doomed")
                          .get())
                  .isNull();
              assertThat(
                      admin
                          .resources(ServiceMonitor.class)
                          .inNamespace(namespace)
                          .withName("doomed")
                          .get())
                  .isNull();
              assertThat(
                      admin
                          .pods()
                          .inNamespace(namespace)
                          .withLabel("gantry.dev/microservice", "doomed")
                          .list()
                          .getItems())
                  .isEmpty();
            });
  }

  private Microservice apply(String name, String specYaml) {
    return services.create(name, specYaml);
  }

  private void edit(String name, String specYaml) {
    services.edit(name, specYaml);
  }

  private Microservice microservice(String name) {
    return services.get(name);
  }

  private Microservice awaitPhase(String name, Phase phase) {
    services.await(name, phase.name(), s -> s.phase() == phase);
    return microservice(name);
  }

  private <T extends HasMetadata> T get(Class<T> kind, String name) {
    T found =
        await(kind.getSimpleName() + " " + name)
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> admin.resources(kind).inNamespace(namespace).withName(name).get(),
                r -> r != null);
    return found;
  }

  private static void assertOwnedBy(HasMetadata child, Microservice owner) {
    assertThat(child.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            (OwnerReference ref) -> {
              assertThat(ref.getKind()).isEqualTo("Microservice");
              assertThat(ref.getName()).isEqualTo(owner.getMetadata().getName());
              assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
              assertThat(ref.getController()).isTrue();
            });
  }
}
