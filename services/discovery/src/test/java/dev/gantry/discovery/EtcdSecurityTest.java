package dev.gantry.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.testing.EtcdServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.options.GetOption;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry on an etcd with TLS and authentication on, secured as {@code hack/coffee-shop.sh}
 * secures it: each service writes only its own instances, and nobody without credentials reads or
 * writes anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdSecurityTest {
  private static final String NAMESPACE = "shop";
  private final RegisteredServices services = new RegisteredServices(NAMESPACE);
  private EtcdServer etcd;

  @BeforeAll
  void startEtcd() {
    etcd = EtcdServer.startSecure(NAMESPACE, "member", "order");
  }

  @AfterEach
  void stopServices() {
    services.closeAll();
  }

  @AfterAll
  void stopEtcd() {
    etcd.close();
  }

  private EmbeddedServer start(String service) {
    return services.start(
        service,
        "registry",
        etcd.endpoint(),
        Map.of(
            "gantry.etcd.ca-file", etcd.caFile().toString(),
            "gantry.etcd.username", NAMESPACE + "." + service,
            "gantry.etcd.password-file", etcd.passwordFile(NAMESPACE + "." + service).toString()));
  }

  private Client client(String user) throws Exception {
    ClientBuilder builder =
        Client.builder()
            .endpoints(etcd.endpoint())
            .authority(URI.create(etcd.endpoint()).getAuthority())
            .sslContext(ssl -> ssl.trustManager(etcd.caFile().toFile()));
    if (user != null) {
      builder
          .user(ByteSequence.from(user, UTF_8))
          .password(ByteSequence.from(Files.readString(etcd.passwordFile(user)), UTF_8));
    }
    return builder.build();
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, UTF_8);
  }

  @Test
  void servicesRegisterAndResolveWithTheirOwnCredentials() {
    EmbeddedServer member = start("member");
    EmbeddedServer order = start("order");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                order
                    .getApplicationContext()
                    .getBean(GantryDiscoveryClient.class)
                    .resolve("member")
                    .stream()
                    .map(ResolvedAddress::uri)
                    .toList()
                    .equals(List.of(URI.create("http://127.0.0.1:" + member.getPort()))));
  }

  @Test
  void withoutCredentialsNothingCanBeReadOrWritten() throws Exception {
    start("member");
    try (Client root = client("root");
        Client anonymous = client(null)) {
      ByteSequence prefix = bytes(InstanceKeys.namespacePrefix(NAMESPACE));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  root.getKVClient()
                          .get(prefix, GetOption.builder().isPrefix(true).build())
                          .get(5, TimeUnit.SECONDS)
                          .getCount()
                      == 1);
      assertThatThrownBy(
              () ->
                  anonymous
                      .getKVClient()
                      .get(prefix, GetOption.builder().isPrefix(true).build())
                      .get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("user name is empty");
      assertThatThrownBy(
              () ->
                  anonymous
                      .getKVClient()
                      .put(bytes(InstanceKeys.key(NAMESPACE, "member", "rogue")), bytes("{}"))
                      .get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("user name is empty");
    }
  }

  @Test
  void aServiceCannotWriteUnderAnotherServicesKey() throws Exception {
    try (Client order = client(NAMESPACE + ".order")) {
      order
          .getKVClient()
          .put(bytes(InstanceKeys.key(NAMESPACE, "order", "own")), bytes("{}"))
          .get(5, TimeUnit.SECONDS);
      assertThatThrownBy(
              () ->
                  order
                      .getKVClient()
                      .put(bytes(InstanceKeys.key(NAMESPACE, "member", "forged")), bytes("{}"))
                      .get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("permission denied");
      assertThatThrownBy(
              () ->
                  order
                      .getKVClient()
                      .get(bytes(InstanceKeys.namespacePrefix("other")))
                      .get(5, TimeUnit.SECONDS))
          .as("another namespace's registry")
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("permission denied");
      order
          .getKVClient()
          .delete(bytes(InstanceKeys.key(NAMESPACE, "order", "own")))
          .get(5, TimeUnit.SECONDS);
    }
  }
}
