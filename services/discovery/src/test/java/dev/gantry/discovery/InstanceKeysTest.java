package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceKeysTest {

  @Test
  void keyLayoutIsNamespaceServiceInstance() {
    assertThat(InstanceKeys.key("shop", "order", "pod-1"))
        .isEqualTo("/gantry/instances/shop/order/pod-1");
    assertThat(InstanceKeys.parse("/gantry/instances/shop/order/pod-1"))
        .contains(new InstanceKeys.Location("shop", "order", "pod-1"));
  }

  @Test
  void ignoresKeysThatAreNotInstances() {
    assertThat(InstanceKeys.parse("/gantry/instances/shop/order")).isEmpty();
    assertThat(InstanceKeys.parse("/gantry/instances/shop/order/pod-1/extra")).isEmpty();
    assertThat(InstanceKeys.parse("/gantry/instances/shop//pod-1")).isEmpty();
    assertThat(InstanceKeys.parse("/other/shop/order/pod-1")).isEmpty();
  }

  @Test
  void aKeyHoldsOnlyAnInstanceOfItsOwnServiceAndNamespace() {
    var key = InstanceKeys.parse("/gantry/instances/shop/member/pod-9").orElseThrow();
    assertThat(key.holds(instance("member", "shop"))).isTrue();
    assertThat(key.holds(instance("order", "shop"))).as("another service").isFalse();
    assertThat(key.holds(instance("member", "other"))).as("another namespace").isFalse();
    assertThat(key.holds(instance(null, "shop"))).as("no service").isFalse();
  }

  private static Instance instance(String service, String namespace) {
    return new Instance(
        service, namespace, "r", "1.0.0", "10.0.0.9", 8080, Instance.UP, Instant.EPOCH);
  }

  @Test
  void reportGroupsInstancesByServiceRevisionAndVersion() {
    var settings =
        new DiscoverySettings(
            "order",
            "shop",
            "r",
            "v",
            DiscoveryMode.REGISTRY,
            List.of(),
            "127.0.0.1",
            8080,
            80,
            java.time.Duration.ofSeconds(10),
            java.time.Duration.ofSeconds(5),
            java.time.Duration.ofSeconds(60));
    var stable =
        new Instance(
            "member", "shop", "aaa", "1.0.0", "10.0.0.1", 8080, Instance.UP, Instant.EPOCH);
    var canary =
        new Instance(
            "member", "shop", "bbb", "1.1.0", "10.0.0.2", 8080, Instance.UP, Instant.EPOCH);
    var report =
        RegistryReport.of(
            settings,
            List.of(
                new RegisteredInstance("p2", stable),
                new RegisteredInstance("p1", stable),
                new RegisteredInstance("p3", canary)),
            true,
            true,
            RegistryState.FRESH,
            service -> List.of());
    var member = report.services().get("member");
    assertThat(member.revisions()).containsOnlyKeys("aaa", "bbb");
    assertThat(member.revisions().get("aaa").versions()).containsExactly("1.0.0");
    assertThat(member.revisions().get("aaa").instances())
        .extracting(RegisteredInstance::id)
        .containsExactly("p1", "p2");
    assertThat(member.revisions().get("bbb").versions()).containsExactly("1.1.0");
  }
}
