package dev.gantry.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.discovery.Instance;
import dev.gantry.discovery.RegisteredInstance;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryResyncTest {
  private static final Map<String, RegisteredInstance> BEFORE_THE_OUTAGE =
      Map.of(
          "/m/a", instance("a", "member"),
          "/m/b", instance("b", "member"),
          "/o/c", instance("c", "order"));

  private static RegisteredInstance instance(String id, String service) {
    return new RegisteredInstance(
        id,
        new Instance(service, "shop", "r1", "1.0.0", "10.0.0.1", 8080, Instance.UP, Instant.EPOCH));
  }

  @Test
  void aFullReadReplacesTheView() {
    var fresh = Map.of("/o/d", instance("d", "order"));
    assertThat(RegistryWatcher.afterResync(BEFORE_THE_OUTAGE, fresh, false))
        .containsOnlyKeys("/o/d");
  }

  @Test
  void justAfterEtcdReturnsServicesNotListedYetKeepTheirLastInstances() {
    var fresh = Map.of("/o/d", instance("d", "order"));
    assertThat(RegistryWatcher.afterResync(BEFORE_THE_OUTAGE, fresh, true))
        .as("order is listed again (d replaces c); member is still registering (a, b kept)")
        .containsOnlyKeys("/o/d", "/m/a", "/m/b");
  }

  @Test
  void anEmptyEtcdJustBackKeepsEverythingUntilTheServicesRegisterAgain() {
    assertThat(RegistryWatcher.afterResync(BEFORE_THE_OUTAGE, Map.of(), true))
        .isEqualTo(BEFORE_THE_OUTAGE);
  }
}
