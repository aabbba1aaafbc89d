package dev.gantry.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.render.Platform;
import dev.gantry.operator.render.PodDefaults;
import dev.gantry.operator.tenancy.TenantPolicy;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorConfigTest {

  @Test
  void defaultsWhenNothingIsSet() {
    OperatorConfig config = OperatorConfig.from(Map.<String, String>of()::get);
    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.etcdEndpoints()).isEmpty();
    assertThat(config.kafkaBootstrapServers()).isNull();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.metricsPort()).isEqualTo(8080);
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.maxConcurrentRollouts()).as("no budget unless one is set").isEmpty();
  }

  @Test
  void readsTheOperatorWideBudgetOfConcurrentRollouts() {
    assertThat(
            OperatorConfig.from(Map.of("GANTRY_MAX_CONCURRENT_ROLLOUTS", "25")::get)
                .maxConcurrentRollouts())
        .contains(25);
    assertThat(
            OperatorConfig.from(Map.of("GANTRY_MAX_CONCURRENT_ROLLOUTS", "0")::get)
                .maxConcurrentRollouts())
        .as("a change freeze")
        .contains(0);
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("GANTRY_MAX_CONCURRENT_ROLLOUTS", "-1")::get))
        .hasMessageContaining("GANTRY_MAX_CONCURRENT_ROLLOUTS=-1: must be between 0 and 100000");
  }

  @Test
  void readsListsAndTrimsThem() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                    "GANTRY_WATCH_NAMESPACES", " shop, payments ,",
                    "GANTRY_ETCD_ENDPOINTS", "http://etcd-0:2379,http://etcd-1:2379",
                    "GANTRY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                    "GANTRY_LEADER_ELECTION", "false",
                    "POD_NAMESPACE", "gantry-system")
                ::get);
    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("shop", "payments");
    assertThat(config.etcdEndpoints()).containsExactly("http://etcd-0:2379", "http://etcd-1:2379");
    assertThat(config.kafkaBootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.leaseNamespace()).isEqualTo("gantry-system");
  }

  @Test
  void platformCarriesTheSettingsAndMeshIdentitiesOnlyWhenIstioSecurityIsServed() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                    "GANTRY_ETCD_ENDPOINTS", "http://etcd-0:2379",
                    "GANTRY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                    "GANTRY_CLUSTER_DOMAIN", "corp.local",
                    "GANTRY_TRUST_DOMAIN", "corp.example",
                    "GANTRY_METRICS_SOURCE", "Micrometer")
                ::get);

    Platform secured = config.platform(true, false, true, false, false);
    assertThat(secured.istio()).isTrue();
    assertThat(secured.prometheusOperator()).isFalse();
    assertThat(secured.prometheusRules()).isFalse();
    assertThat(secured.etcdEndpoints()).containsExactly("http://etcd-0:2379");
    assertThat(secured.kafkaBootstrapServers()).isEqualTo("kafka:9092");
    assertThat(secured.clusterDomain()).isEqualTo("corp.local");
    assertThat(secured.metricsSource()).isEqualTo(Analysis.MetricsSource.Micrometer);
    assertThat(secured.mesh().principal("shop", "order"))
        .isEqualTo("corp.example/ns/shop/sa/order");

    assertThat(secured.mesh().managementPaths())
        .containsExactly(
            "/health", "/prometheus", "/metrics", "/registry", "/openapi", "/actuator");
    assertThat(
            OperatorConfig.from(Map.of("GANTRY_MANAGEMENT_PATHS", "/admin, /status")::get)
                .platform(true, false, true, false, false)
                .mesh()
                .managementPaths())
        .containsExactly("/admin", "/status");

    Platform open = config.platform(true, true, false, true, false);
    assertThat(open.mesh()).isNull();
    assertThat(open.prometheusOperator()).isTrue();
    assertThat(open.prometheusRules()).isTrue();
  }

  @Test
  void platformLimitsOnTeamsComeFromTheEnvironment() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                    "GANTRY_ALLOWED_DOMAINS", "shop.example.com=shop,web; example.org=*",
                    "GANTRY_ALLOWED_GATEWAYS", "istio-system/public, shop/own",
                    "GANTRY_SECRET_REFERENCES", "none",
                    "GANTRY_ANALYSIS_MIN_INTERVAL", "30s",
                    "GANTRY_PROMETHEUS_URL", "http://prometheus:9090",
                    "GANTRY_PROMETHEUS_ENDPOINTS",
                        "team-a=http://prom-a:9090/prefix, team-b=https://prom-b",
                    "GANTRY_ANALYSIS_MAX_RESPONSE", "256Ki",
                    "GANTRY_DEFAULT_REQUESTS", "cpu=50m,memory=64Mi",
                    "GANTRY_TMP_SIZE_LIMIT", "32Mi",
                    "GANTRY_KAFKA_TOPICS", "order-placed=shop;audit.*=*")
                ::get);
    assertThat(config.tenancy().allowsHost("web", "api.shop.example.com")).isTrue();
    assertThat(config.tenancy().allowsHost("payments", "api.shop.example.com")).isFalse();
    assertThat(config.tenancy().allowsHost("payments", "example.org")).isTrue();
    assertThat(config.tenancy().allowsTopic("shop", "order-placed")).isTrue();
    assertThat(config.tenancy().allowsTopic("web", "order-placed")).isFalse();
    assertThat(config.tenancy().allowsTopic("web", "audit.web")).isTrue();
    assertThat(config.tenancy().allowedGateways())
        .containsExactlyInAnyOrder("istio-system/public", "shop/own");
    assertThat(config.tenancy().secretReferences()).isEqualTo(TenantPolicy.SecretReferences.None);
    assertThat(config.tenancy().minAnalysisInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.prometheus().url(null)).hasValue("http://prometheus:9090");
    assertThat(config.prometheus().url("team-a")).hasValue("http://prom-a:9090/prefix");
    assertThat(config.prometheus().url("team-c")).isEmpty();
    assertThat(config.analysisLimits().maxResponseBytes()).isEqualTo(256 * 1024);
    assertThat(config.podDefaults().requests()).containsEntry("cpu", new Quantity("50m"));
    assertThat(config.podDefaults().limits())
        .as("unset: the default")
        .isEqualTo(PodDefaults.DEFAULTS.limits());
    assertThat(config.podDefaults().tmpSizeLimit()).isEqualTo(new Quantity("32Mi"));
  }

  @Test
  void withNothingSetTeamsMayRouteNothingPublicAndReadOnlyTheirOwnSecrets() {
    OperatorConfig config = OperatorConfig.from(Map.<String, String>of()::get);
    assertThat(config.tenancy()).isEqualTo(TenantPolicy.DEFAULT);
    assertThat(config.tenancy().allowedDomains()).isEmpty();
    assertThat(config.prometheus().named()).containsOnlyKeys("default");
  }

  @Test
  void malformedPlatformSettingsNameTheirVariable() {
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("GANTRY_ALLOWED_DOMAINS", "*.example.com=*")::get))
        .hasMessageContaining("GANTRY_ALLOWED_DOMAINS=*.example.com=*");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("GANTRY_PROMETHEUS_ENDPOINTS", "a=ftp://x")::get))
        .hasMessageContaining("GANTRY_PROMETHEUS_ENDPOINTS");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("GANTRY_PROMETHEUS_URL", "http://p:9090/?x=1")::get))
        .hasMessageContaining("without query");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("GANTRY_KAFKA_TOPICS", "order-placed")::get))
        .hasMessageContaining("GANTRY_KAFKA_TOPICS=order-placed: 'order-placed': expected");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("GANTRY_SECRET_REFERENCES", "some")::get))
        .hasMessageContaining(
            "GANTRY_SECRET_REFERENCES=some: must be one of Namespace, Prefixed, None");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("GANTRY_DEFAULT_LIMITS", "gpu=1")::get))
        .hasMessageContaining("GANTRY_DEFAULT_LIMITS=gpu=1");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("GANTRY_TENANT_LABEL", "name-space")::get))
        .hasMessageContaining("GANTRY_TENANT_LABEL");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of("GANTRY_MANAGEMENT_PATHS", "/health,/admin/*")::get))
        .hasMessageContaining("GANTRY_MANAGEMENT_PATHS: '/admin/*' is not a path");
  }

  @Test
  void strimziIsUsedOnlyWhenConfiguredAndItsKindServed() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                    "GANTRY_KAFKA_STRIMZI_NAMESPACE", "kafka",
                    "GANTRY_KAFKA_STRIMZI_CLUSTER", "events")
                ::get);
    assertThat(config.platform(false, false, false, false, true).strimzi())
        .isEqualTo(new Platform.Strimzi("kafka", "events"));
    assertThat(config.platform(false, false, false, false, false).strimzi())
        .as("the KafkaUser kind is not served")
        .isNull();
    assertThat(
            OperatorConfig.from(Map.<String, String>of()::get)
                .platform(false, false, false, false, true)
                .strimzi())
        .as("not configured")
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a namespace without cluster | kafka  |         | go together",
        "a cluster without namespace |        | events  | go together",
        "not a namespace name        | Kafka  | events  | GANTRY_KAFKA_STRIMZI_NAMESPACE: 'Kafka' is not a namespace name",
        "not a cluster name          | kafka  | ev ents | GANTRY_KAFKA_STRIMZI_CLUSTER: 'ev ents' is not a Kafka resource name",
      })
  void malformedStrimziSettingsNameTheirVariable(
      String description, String namespace, String cluster, String message) {
    Map<String, String> env = new java.util.HashMap<>();
    if (namespace != null) {
      env.put("GANTRY_KAFKA_STRIMZI_NAMESPACE", namespace);
    }
    if (cluster != null) {
      env.put("GANTRY_KAFKA_STRIMZI_CLUSTER", cluster);
    }
    assertThatThrownBy(() -> OperatorConfig.from(env::get))
        .as(description)
        .hasMessageContaining(message);
  }

  @Test
  void theRegistrysSecretIsOnlyForHttpsEndpoints() {
    assertThat(
            OperatorConfig.from(
                    Map.of(
                            "GANTRY_ETCD_ENDPOINTS", "https://etcd-0:2379,https://etcd-1:2379",
                            "GANTRY_ETCD_SECRET", "gantry-etcd")
                        ::get)
                .platform(false, false, false, false, false)
                .etcdSecret())
        .isEqualTo("gantry-etcd");
    assertThat(
            OperatorConfig.from(Map.<String, String>of()::get)
                .platform(false, false, false, false, false)
                .etcdSecret())
        .isNull();
    assertThatThrownBy(
            () ->
                OperatorConfig.from(
                    Map.of(
                            "GANTRY_ETCD_ENDPOINTS", "https://etcd-0:2379,http://etcd-1:2379",
                            "GANTRY_ETCD_SECRET", "gantry-etcd")
                        ::get))
        .hasMessageContaining("GANTRY_ETCD_SECRET needs GANTRY_ETCD_ENDPOINTS, all https://");
    assertThatThrownBy(
            () ->
                OperatorConfig.from(
                    Map.of(
                            "GANTRY_ETCD_ENDPOINTS", "https://etcd:2379",
                            "GANTRY_ETCD_SECRET", "Etcd_Secret")
                        ::get))
        .hasMessageContaining("GANTRY_ETCD_SECRET: 'Etcd_Secret' is not a Secret name");
  }

  @Test
  void malformedValuesNameTheirVariable() {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("GANTRY_METRICS_PORT", "eighty")::get))
        .hasMessageContaining("GANTRY_METRICS_PORT=eighty");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("GANTRY_LEADER_ELECTION", "yes")::get))
        .hasMessageContaining("GANTRY_LEADER_ELECTION=yes");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("GANTRY_RESYNC_INTERVAL", "10")::get))
        .hasMessageContaining("GANTRY_RESYNC_INTERVAL=10");
  }
}
