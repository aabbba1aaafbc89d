package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceResolverTest {
  private static final URI MEMBER_DNS = URI.create("http://member.shop.svc");

  private static DiscoverySettings settings(DiscoveryMode mode, int dnsPort) {
    return new DiscoverySettings(
        "order",
        "shop",
        "abc123",
        "1.0.0",
        mode,
        List.of("http://127.0.0.1:2379"),
        "10.0.0.9",
        8080,
        dnsPort,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60));
  }

  private static RegisteredInstance instance(
      String id, String service, String address, int port, String health) {
    return new RegisteredInstance(
        id, new Instance(service, "shop", "rev1", "1.0.0", address, port, health, Instant.EPOCH));
  }

  private static List<URI> uris(List<ResolvedAddress> addresses) {
    return addresses.stream().map(ResolvedAddress::uri).toList();
  }

  @Test
  void meshModeAlwaysUsesTheDnsNameSoIstioRoutingApplies() {
    var registered = List.of(instance("a", "member", "10.0.0.1", 8080, Instance.UP));
    assertThat(
            uris(
                ServiceResolver.resolve(
                    "member", settings(DiscoveryMode.MESH, 80), registered, RegistryState.FRESH)))
        .containsExactly(MEMBER_DNS);
  }

  @Test
  void registryModeUsesEveryHealthyInstanceOfThatService() {
    var registered =
        List.of(
            instance("b", "member", "10.0.0.2", 8080, Instance.UP),
            instance("a", "member", "10.0.0.1", 8081, Instance.UP),
            instance("c", "member", "10.0.0.3", 8080, Instance.DOWN),
            instance("d", "barista", "10.0.0.4", 8080, Instance.UP));
    List<ResolvedAddress> resolved =
        ServiceResolver.resolve(
            "member", settings(DiscoveryMode.REGISTRY, 80), registered, RegistryState.FRESH);
    assertThat(uris(resolved))
        .containsExactly(URI.create("http://10.0.0.1:8081"), URI.create("http://10.0.0.2:8080"));
    assertThat(resolved)
        .allSatisfy(r -> assertThat(r.source()).isEqualTo(ResolvedAddress.REGISTRY));
  }

  @Test
  void registryModeFallsBackToDnsWhenNobodyHealthyIsRegistered() {
    var registered = List.of(instance("c", "member", "10.0.0.3", 8080, Instance.DOWN));
    assertThat(
            ServiceResolver.resolve(
                "member", settings(DiscoveryMode.REGISTRY, 80), registered, RegistryState.FRESH))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uri()).isEqualTo(MEMBER_DNS);
              assertThat(r.source()).isEqualTo(ResolvedAddress.DNS);
            });
  }

  @Test
  void registryModeUsesTheDnsNameUntilTheRegistryWasEverRead() {
    var registered = List.of(instance("a", "member", "10.0.0.1", 8080, Instance.UP));
    assertThat(
            uris(
                ServiceResolver.resolve(
                    "member",
                    settings(DiscoveryMode.REGISTRY, 80),
                    registered,
                    RegistryState.UNSYNCED)))
        .containsExactly(MEMBER_DNS);
  }

  @Test
  void aLongEtcdOutageKeepsTheLastInstancesSeenMarkedStaleRatherThanADnsNameThatMayNotResolve() {
    var registered =
        List.of(
            instance("a", "member", "10.0.0.1", 8080, Instance.UP),
            instance("b", "member", "10.0.0.2", 8080, Instance.DOWN));
    List<ResolvedAddress> resolved =
        ServiceResolver.resolve(
            "member", settings(DiscoveryMode.REGISTRY, 80), registered, RegistryState.STALE);
    assertThat(resolved)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uri()).isEqualTo(URI.create("http://10.0.0.1:8080"));
              assertThat(r.source()).isEqualTo(ResolvedAddress.REGISTRY);
              assertThat(r.stale()).isTrue();
            });
    assertThat(
            ServiceResolver.resolve(
                "member", settings(DiscoveryMode.REGISTRY, 80), registered, RegistryState.FRESH))
        .allSatisfy(r -> assertThat(r.stale()).isFalse());
  }

  @Test
  void aStaleViewWithNobodyUpForTheServiceFallsBackToDns() {
    var registered = List.of(instance("d", "barista", "10.0.0.4", 8080, Instance.UP));
    assertThat(
            uris(
                ServiceResolver.resolve(
                    "member",
                    settings(DiscoveryMode.REGISTRY, 80),
                    registered,
                    RegistryState.STALE)))
        .containsExactly(MEMBER_DNS);
  }

  @Test
  void dnsNameCarriesANonDefaultServicePort() {
    assertThat(ServiceResolver.dnsName("member", settings(DiscoveryMode.MESH, 8080)))
        .isEqualTo(URI.create("http://member.shop.svc:8080"));
  }

  @Test
  void ipv6AddressesAreBracketed() {
    var registered = List.of(instance("a", "member", "fd00::1", 8080, Instance.UP));
    assertThat(
            uris(
                ServiceResolver.resolve(
                    "member",
                    settings(DiscoveryMode.REGISTRY, 80),
                    registered,
                    RegistryState.FRESH)))
        .containsExactly(URI.create("http://[fd00::1]:8080"));
  }

  @Test
  void parsesModeAndEndpointsFromTheEnvironmentContract() {
    assertThat(DiscoveryMode.parse("mesh")).isEqualTo(DiscoveryMode.MESH);
    assertThat(DiscoveryMode.parse("")).isEqualTo(DiscoveryMode.REGISTRY);
    assertThat(DiscoverySettings.parseEndpoints(" http://a:2379, ,http://b:2379 "))
        .containsExactly("http://a:2379", "http://b:2379");
    assertThat(DiscoverySettings.parseEndpoints("")).isEmpty();
  }
}
