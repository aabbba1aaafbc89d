package dev.gantry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.testing.EtcdServer;
import dev.gantry.testing.FreePorts;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Registration and resolution against a real etcd process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdDiscoveryTest {
  private static final String NAMESPACE = "shop";
  private final RegisteredServices services = new RegisteredServices(NAMESPACE);
  private EtcdServer etcd;
  private Client etcdClient;

  @BeforeAll
  void startEtcd() {
    etcd = EtcdServer.start();
    etcdClient = Client.builder().endpoints(etcd.endpoint()).build();
  }

  @AfterEach
  void stopServices() {
    services.closeAll();
  }

  @AfterAll
  void stopEtcd() {
    etcdClient.close();
    etcd.close();
  }

  private EmbeddedServer start(String service, String mode, String endpoints) {
    return services.start(service, mode, endpoints, Map.of());
  }

  private List<KeyValue> registered(String service) throws Exception {
    ByteSequence prefix =
        ByteSequence.from(InstanceKeys.servicePrefix(NAMESPACE, service), StandardCharsets.UTF_8);
    return etcdClient
        .getKVClient()
        .get(prefix, GetOption.builder().isPrefix(true).build())
        .get(5, TimeUnit.SECONDS)
        .getKvs();
  }

  private static List<URI> resolve(EmbeddedServer server, String service) {
    return server
        .getApplicationContext()
        .getBean(GantryDiscoveryClient.class)
        .resolve(service)
        .stream()
        .map(ResolvedAddress::uri)
        .toList();
  }

  @Test
  void registersUnderALeasedKeyWithItsMetadataAndRevokesOnStop() throws Exception {
    EmbeddedServer member = start("member", "registry", etcd.endpoint());

    await().atMost(Duration.ofSeconds(5)).until(() -> registered("member").size() == 1);
    KeyValue kv = registered("member").get(0);
    assertThat(kv.getLease()).isNotZero();
    String json = kv.getValue().toString(StandardCharsets.UTF_8);
    assertThat(json)
        .contains(
            "\"service\":\"member\"",
            "\"namespace\":\"shop\"",
            "\"revision\":\"rev-member\"",
            "\"version\":\"1.2.3\"",
            "\"address\":\"127.0.0.1\"",
            "\"port\":" + member.getPort(),
            "\"health\":\"UP\"",
            "\"registeredAt\"");
    long ttl =
        etcdClient
            .getLeaseClient()
            .timeToLive(kv.getLease(), io.etcd.jetcd.options.LeaseOption.DEFAULT)
            .get(5, TimeUnit.SECONDS)
            .getGrantedTTL();
    assertThat(ttl).isEqualTo(4);

    member.close();
    // an orderly stop revokes the lease: gone at once, not after the TTL
    await().atMost(Duration.ofSeconds(1)).until(() -> registered("member").isEmpty());
  }

  /**
   * A value under one service's key that claims to be another service is someone else's forgery: it
   * is never resolved, under either name.
   */
  @Test
  void anInstanceForgedUnderAnotherKeyIsIgnored() throws Exception {
    EmbeddedServer member = start("member", "registry", etcd.endpoint());
    EmbeddedServer order = start("order", "registry", etcd.endpoint());
    await().atMost(Duration.ofSeconds(5)).until(() -> resolve(order, "member").size() == 1);
    String forged =
        """
        {"service":"member","namespace":"shop","revision":"evil","version":"6.6.6",
         "address":"10.66.6.6","port":8080,"health":"UP","registeredAt":"2026-12-04T00:00:00Z"}\
        """;
    ByteSequence key =
        ByteSequence.from(InstanceKeys.key(NAMESPACE, "barista", "forged"), StandardCharsets.UTF_8);
    etcdClient
        .getKVClient()
        .put(key, ByteSequence.from(forged, StandardCharsets.UTF_8))
        .get(5, TimeUnit.SECONDS);
    // The put is seen by the watch; a resync re-reads everything within a second.
    EmbeddedServer later = start("notification", "registry", etcd.endpoint());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> resolve(later, "member").size() == 1 && resolve(later, "order").size() == 1);
    for (EmbeddedServer reader : List.of(order, later)) {
      assertThat(resolve(reader, "member"))
          .containsExactly(URI.create("http://127.0.0.1:" + member.getPort()));
      assertThat(resolve(reader, "barista")).noneMatch(uri -> uri.getHost().equals("10.66.6.6"));
    }
    etcdClient.getKVClient().delete(key).get(5, TimeUnit.SECONDS);
  }

  @Test
  void registryModeBalancesAcrossRegisteredInstancesThroughADeclarativeClient() throws Exception {
    EmbeddedServer first = start("member", "registry", etcd.endpoint());
    EmbeddedServer second = start("member", "registry", etcd.endpoint());
    EmbeddedServer order = start("order", "registry", etcd.endpoint());

    await().atMost(Duration.ofSeconds(5)).until(() -> resolve(order, "member").size() == 2);
    assertThat(resolve(order, "member"))
        .containsExactlyInAnyOrder(
            URI.create("http://127.0.0.1:" + first.getPort()),
            URI.create("http://127.0.0.1:" + second.getPort()));

    MemberClient client = order.getApplicationContext().getBean(MemberClient.class);
    Set<String> answeredBy = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      answeredBy.add(client.whoami());
    }
    assertThat(answeredBy)
        .containsExactlyInAnyOrder("member:" + first.getPort(), "member:" + second.getPort());

    // the registry endpoint shows instances by revision and version
    try (HttpClient http = HttpClient.create(order.getURL())) {
      String report = http.toBlocking().retrieve("/registry/member");
      assertThat(report).contains("\"rev-member\"", "\"1.2.3\"", "\"source\":\"registry\"");
    }
  }

  @Test
  void meshModeResolvesTheDnsNameEvenWithInstancesRegistered() throws Exception {
    start("member", "registry", etcd.endpoint());
    EmbeddedServer order = start("order", "mesh", etcd.endpoint());
    await().atMost(Duration.ofSeconds(5)).until(() -> registered("member").size() == 1);
    assertThat(resolve(order, "member")).containsExactly(URI.create("http://member.shop.svc"));
  }

  @Test
  void unknownServiceAndUnreachableEtcdFallBackToTheDnsName() {
    EmbeddedServer order = start("order", "registry", etcd.endpoint());
    assertThat(resolve(order, "nobody")).containsExactly(URI.create("http://nobody.shop.svc"));

    long started = System.nanoTime();
    EmbeddedServer isolated = start("order", "registry", "http://127.0.0.1:" + FreePorts.next());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(resolve(isolated, "member")).containsExactly(URI.create("http://member.shop.svc"));
  }

  @Test
  void noEndpointsMeansNoRegistryAndDnsOnly() {
    EmbeddedServer order = start("order", "registry", "");
    assertThat(order.getApplicationContext().findBean(RegistryView.class)).isEmpty();
    assertThat(resolve(order, "member")).containsExactly(URI.create("http://member.shop.svc"));
  }

  /**
   * Three minutes without etcd, three times {@code stale-after}: calls keep going to the instances
   * last seen (marked stale), never to a DNS name that does not resolve here; etcd then returns
   * empty, and both instances are registered again within five seconds.
   */
  @Test
  void aThreeMinuteEtcdOutageKeepsCallsOnTheLastInstancesAndEveryoneReRegistersWithinFiveSeconds()
      throws Exception {
    try (EtcdServer own = EtcdServer.start();
        Client ownClient = Client.builder().endpoints(own.endpoint()).build()) {
      EmbeddedServer member = start("member", "registry", own.endpoint());
      EmbeddedServer order = start("order", "registry", own.endpoint());
      URI memberUri = URI.create("http://127.0.0.1:" + member.getPort());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> resolve(order, "member").equals(List.of(memberUri)));
      MemberClient client = order.getApplicationContext().getBean(MemberClient.class);
      RegistryView view = order.getApplicationContext().getBean(RegistryView.class);

      own.stop();
      Duration outage = Duration.ofMinutes(3);
      long outageEnds = System.nanoTime() + outage.toNanos();
      int calls = 0;
      while (System.nanoTime() < outageEnds) {
        assertThat(client.whoami()).isEqualTo("member:" + member.getPort());
        calls++;
        Thread.sleep(1_000); // one call a second, for the length of the outage
      }
      assertThat(calls).isGreaterThan(150);
      assertThat(view.state()).isEqualTo(RegistryState.STALE);
      assertThat(
              order.getApplicationContext().getBean(GantryDiscoveryClient.class).resolve("member"))
          .singleElement()
          .satisfies(address -> assertThat(address.stale()).isTrue());

      own.restartEmpty();
      long back = System.nanoTime();
      ByteSequence prefix =
          ByteSequence.from(InstanceKeys.namespacePrefix(NAMESPACE), StandardCharsets.UTF_8);
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  ownClient
                          .getKVClient()
                          .get(prefix, GetOption.builder().isPrefix(true).build())
                          .get(2, TimeUnit.SECONDS)
                          .getKvs()
                          .size()
                      == 2);
      System.out.printf(
          "re-registered %.1f s after a %s etcd outage%n",
          (System.nanoTime() - back) / 1e9, outage);
      await().atMost(Duration.ofSeconds(5)).until(() -> view.state() == RegistryState.FRESH);
      assertThat(resolve(order, "member")).containsExactly(memberUri);
      stopServices(); // while etcd is still there to take the revocations
    }
  }
}
