package dev.gantry.operator.render;

import static dev.gantry.operator.Fixtures.microservice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodTemplatesTest {

  private static final Platform MESH =
      new Platform(
          true, true, List.of("http://etcd-0:2379", "http://etcd-1:2379"), "kafka:9092", null);

  @Test
  void probesUseHealthCheckPathsOnTheNamedPort() {
    Container c =
        container(
            microservice(
                "order",
                """
        image: shop/order:1.0
        healthChecks: {readinessPath: /ready, livenessPath: /alive, periodSeconds: 5, startupTimeoutSeconds: 60}
        """),
            Platform.BARE);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/alive");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/alive");
    assertThat(c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold())
        .isEqualTo(60);
  }

  @Test
  void defaultProbePathsAreMicronautsHealthEndpoints() {
    Container c = container(microservice("order", "image: shop/order:1.0"), Platform.BARE);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
  }

  @Test
  void securityContextMeetsRestrictedPodSecurity() {
    PodTemplateSpec template =
        PodTemplates.render(microservice("order", "image: shop/order:1.0"), Platform.BARE, "r1");
    var pod = template.getSpec().getSecurityContext();
    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = template.getSpec().getContainers().get(0).getSecurityContext();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(template.getSpec().getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void injectsIdentityDiscoveryAndKafkaSettings() {
    Map<String, EnvVar> env =
        env(
            microservice(
                "order",
                """
        image: shop/order:2.3.1
        discovery: {enabled: true}
        kafka: {produces: [order-placed]}
        """),
            MESH);
    assertThat(env.get("GANTRY_SERVICE_NAME").getValue()).isEqualTo("order");
    assertThat(env.get("GANTRY_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    assertThat(env.get("GANTRY_REVISION").getValue()).isEqualTo("r1");
    assertThat(env.get("GANTRY_VERSION").getValue()).isEqualTo("2.3.1");
    assertThat(env.get("GANTRY_POD_IP").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("status.podIP");
    assertThat(env.get("GANTRY_DISCOVERY_MODE").getValue()).isEqualTo("mesh");
    assertThat(env.get("GANTRY_ETCD_ENDPOINTS").getValue())
        .isEqualTo("http://etcd-0:2379,http://etcd-1:2379");
    assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo("kafka:9092");
    assertThat(env.get("GANTRY_KAFKA_USER").getValue()).isEqualTo("shop.order");
    assertThat(env)
        .as("a producer joins no consumer group")
        .doesNotContainKey("GANTRY_KAFKA_GROUP");
  }

  @Test
  void aConsumerReadsInTheGroupItsAclsGrant() {
    Map<String, EnvVar> env =
        env(microservice("shop", "barista", "image: shop/barista:1\nkafka: {consumes: [a]}"), MESH);
    assertThat(env.get("GANTRY_KAFKA_GROUP").getValue()).isEqualTo("shop.barista");
    assertThat(env.get("GANTRY_KAFKA_USER").getValue()).isEqualTo("shop.barista");
  }

  @Test
  void theKafkaLoginComesFromTheServicesOwnCredentialsSecret() {
    var order = microservice("order", "image: shop/order:1\nkafka: {produces: [a]}");
    var listed = env(order, MESH).get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
    assertThat(listed.getName()).isEqualTo("order-kafka-user");
    assertThat(listed.getKey()).isEqualTo("sasl.jaas.config");
    assertThat(listed.getOptional())
        .as("without Strimzi a platform engineer may provide it; until then pods start without")
        .isTrue();
    var strimzi =
        new Platform(
            false,
            false,
            List.of(),
            null,
            null,
            null,
            null,
            false,
            null,
            null,
            new Platform.Strimzi("kafka", "events"));
    assertThat(env(order, strimzi).get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef())
        .as("Strimzi issues it: a pod waits for it")
        .satisfies(ref -> assertThat(ref.getOptional()).isFalse());
  }

  @Test
  void aServiceWithoutKafkaGetsNoKafkaSettings() {
    assertThat(env(microservice("order", "image: shop/order:1"), MESH).keySet())
        .noneMatch(name -> name.contains("KAFKA"));
  }

  @Test
  void withoutTheMeshServicesResolveThroughTheRegistry() {
    var bare = new Platform(false, false, List.of("http://etcd:2379"), null, null);
    Map<String, EnvVar> env =
        env(microservice("order", "image: shop/order:1\ndiscovery: {enabled: true}"), bare);
    assertThat(env.get("GANTRY_DISCOVERY_MODE").getValue()).isEqualTo("registry");
  }

  @Test
  void theRegistrysCredentialsAreTheServicesOwnFromThePlatformsSecret() {
    var platform =
        new Platform(
            false,
            false,
            List.of("https://etcd:2379"),
            "gantry-etcd",
            null,
            null,
            null,
            false,
            null,
            null,
            null);
    Microservice order = microservice("order", "image: shop/order:1\ndiscovery: {enabled: true}");
    order.getMetadata().setNamespace("shop");
    Map<String, EnvVar> env = env(order, platform);
    assertThat(env.get("GANTRY_ETCD_USERNAME").getValue()).isEqualTo("shop.order");
    assertThat(env.get("GANTRY_ETCD_CA_FILE").getValue()).isEqualTo("/var/run/gantry/etcd/ca.crt");
    assertThat(env.get("GANTRY_ETCD_PASSWORD_FILE").getValue())
        .isEqualTo("/var/run/gantry/etcd/password");
    var pod = PodTemplates.render(order, platform, "r1");
    assertThat(pod.getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("etcd"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getSecret().getSecretName()).isEqualTo("gantry-etcd");
              assertThat(v.getSecret().getItems())
                  .as("only its own password, never another service's")
                  .extracting(i -> i.getKey() + "->" + i.getPath())
                  .containsExactly("ca.crt->ca.crt", "order.password->password");
            });
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/var/run/gantry/etcd");
              assertThat(m.getReadOnly()).isTrue();
            });

    var withoutDiscovery =
        PodTemplates.render(microservice("order", "image: shop/order:1"), platform, "r1");
    assertThat(withoutDiscovery.getSpec().getVolumes()).noneMatch(v -> v.getName().equals("etcd"));
    assertThat(env(microservice("order", "image: shop/order:1"), platform))
        .doesNotContainKeys("GANTRY_ETCD_USERNAME", "GANTRY_ETCD_PASSWORD_FILE");
  }

  @Test
  void discoveryOffInjectsNoEtcdEndpoints() {
    assertThat(env(microservice("order", "image: shop/order:1"), MESH))
        .doesNotContainKey("GANTRY_ETCD_ENDPOINTS");
  }

  @Test
  void serviceKafkaAddressWinsOverThePlatforms() {
    Map<String, EnvVar> env =
        env(
            microservice(
                "order",
                """
        image: shop/order:1
        kafka: {consumes: [order-status], bootstrapServers: "own-kafka:9092"}
        """),
            MESH);
    assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo("own-kafka:9092");
  }

  @Test
  void userEnvComesAfterInjectedEnvInDeclarationOrder() {
    var c =
        container(
            microservice(
                "order",
                """
        image: shop/order:1
        env:
        - {name: B, value: "2"}
        - {name: A, value: "1"}
        - name: PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        """),
            Platform.BARE);
    List<String> names = c.getEnv().stream().map(EnvVar::getName).toList();
    assertThat(names.subList(names.size() - 3, names.size())).containsExactly("B", "A", "PASSWORD");
    assertThat(c.getEnv().get(names.size() - 1).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("db");
  }

  @Test
  void configIsMountedFromTheRevisionsConfigMap() {
    PodTemplateSpec template =
        PodTemplates.render(
            microservice(
                "order",
                """
        image: shop/order:1
        config: {greeting: hello}
        """),
            Platform.BARE,
            "abc");
    assertThat(template.getSpec().getVolumes())
        .filteredOn(v -> v.getConfigMap() != null)
        .singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("order-abc-config"));
    Map<String, EnvVar> env =
        template.getSpec().getContainers().get(0).getEnv().stream()
            .collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.get("MICRONAUT_CONFIG_FILES").getValue())
        .isEqualTo("/etc/gantry/config/application.properties");
  }

  /**
   * The team's requests and limits, the platform's defaults for the rest: no pod is BestEffort, and
   * no default contradicts what the team set.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing set: the defaults                | {}                                                   | cpu=100m memory=128Mi | memory=512Mi",
        "the team's values win, kind by kind      | {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 1Gi}} | cpu=250m memory=256Mi | memory=1Gi",
        "a limit below the default request lowers it | {limits: {memory: 64Mi}}                          | cpu=100m memory=64Mi  | memory=64Mi",
        "a request above the default limit raises it | {requests: {memory: 2Gi}}                         | cpu=100m memory=2Gi   | memory=2Gi",
        "a CPU limit of the team's                | {limits: {cpu: '2'}}                                 | cpu=100m memory=128Mi | cpu=2 memory=512Mi",
        "ephemeral storage of the team's          | {requests: {ephemeral-storage: 1Gi}}                 | cpu=100m ephemeral-storage=1Gi memory=128Mi | memory=512Mi",
      })
  void resourcesAreTheTeamsWithThePlatformsDefaults(
      String description, String resources, String requests, String limits) {
    var c =
        container(
            microservice("order", "image: shop/order:1\nresources: " + resources), Platform.BARE);
    assertThat(text(c.getResources().getRequests())).as(description).isEqualTo(requests);
    assertThat(text(c.getResources().getLimits())).as(description).isEqualTo(limits);
  }

  @Test
  void tmpIsSizeLimitedByThePlatform() {
    var platform =
        new Platform(
            false,
            false,
            List.of(),
            null,
            null,
            null,
            null,
            false,
            null,
            new PodDefaults(Map.of(), Map.of(), new Quantity("16Mi")),
            null);
    var pod = PodTemplates.render(microservice("order", "image: shop/order:1"), platform, "r1");
    assertThat(pod.getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("tmp"))
        .singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("16Mi")));
    assertThat(pod.getSpec().getContainers().get(0).getResources().getRequests())
        .as("no defaults")
        .isNull();
  }

  private static String text(Map<String, Quantity> quantities) {
    return quantities == null
        ? ""
        : new TreeMap<>(quantities)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
  }

  @ParameterizedTest
  @CsvSource({
    "shop/order:1.2.3, 1.2.3",
    "registry.local:5000/shop/order:7, 7",
    "registry.local:5000/shop/order, latest",
    "shop/order@sha256:0123456789abcdef0123, 0123456789ab",
  })
  void versionIsTheImageTagOrDigest(String image, String version) {
    assertThat(PodTemplates.imageVersion(image)).isEqualTo(version);
  }

  private static Container container(Microservice ms, Platform platform) {
    return PodTemplates.render(ms, platform, "r1").getSpec().getContainers().get(0);
  }

  private static Map<String, EnvVar> env(Microservice ms, Platform platform) {
    return container(ms, platform).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e));
  }
}
