package dev.gantry.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.render.Platform;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
  }

  @Test
  void readsListsAndTrimsThem() {
    OperatorConfig config = OperatorConfig.from(Map.of(
        "GANTRY_WATCH_NAMESPACES", " shop, payments ,",
        "GANTRY_ETCD_ENDPOINTS", "http://etcd-0:2379,http://etcd-1:2379",
        "GANTRY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "GANTRY_LEADER_ELECTION", "false",
        "POD_NAMESPACE", "gantry-system")::get);
    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("shop", "payments");
    assertThat(config.etcdEndpoints()).containsExactly("http://etcd-0:2379", "http://etcd-1:2379");
    assertThat(config.kafkaBootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.leaseNamespace()).isEqualTo("gantry-system");
  }

  @Test
  void platformCarriesTheSettingsAndMeshIdentitiesOnlyWhenIstioSecurityIsServed() {
    OperatorConfig config = OperatorConfig.from(Map.of(
        "GANTRY_ETCD_ENDPOINTS", "http://etcd-0:2379",
        "GANTRY_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "GANTRY_CLUSTER_DOMAIN", "corp.local",
        "GANTRY_TRUST_DOMAIN", "corp.example",
        "GANTRY_METRICS_SOURCE", "Micrometer")::get);

    Platform secured = config.platform(true, false, true, false);
    assertThat(secured.istio()).isTrue();
    assertThat(secured.prometheusOperator()).isFalse();
    assertThat(secured.prometheusRules()).isFalse();
    assertThat(secured.etcdEndpoints()).containsExactly("http://etcd-0:2379");
    assertThat(secured.kafkaBootstrapServers()).isEqualTo("kafka:9092");
    assertThat(secured.clusterDomain()).isEqualTo("corp.local");
    assertThat(secured.metricsSource()).isEqualTo(Analysis.MetricsSource.Micrometer);
    assertThat(secured.mesh().principal("shop", "order")).isEqualTo("corp.example/ns/shop/sa/order");

    Platform open = config.platform(true, true, false, true);
    assertThat(open.mesh()).isNull();
    assertThat(open.prometheusOperator()).isTrue();
    assertThat(open.prometheusRules()).isTrue();
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
