package dev.gantry.discovery;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One running instance as registered in etcd under {@code
 * /gantry/instances/<namespace>/<service>/<instance-id>}; this record is the JSON value.
 */
@Serdeable
public record Instance(
    String service,
    String namespace,
    String revision,
    String version,
    String address,
    int port,
    String health,
    Instant registeredAt) {

  public static final String UP = "UP";
  public static final String DOWN = "DOWN";

  public boolean isUp() {
    return UP.equals(health);
  }

  public Instance withHealth(String newHealth) {
    return new Instance(
        service, namespace, revision, version, address, port, newHealth, registeredAt);
  }
}
