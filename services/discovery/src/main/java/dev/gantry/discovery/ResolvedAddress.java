package dev.gantry.discovery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;

/**
 * Where a call may go, and why: {@code source} is {@code registry} for a registered instance (then
 * {@code instance} is set) or {@code dns} for the Kubernetes name; {@code stale} when the instance
 * comes from a registry view etcd has not confirmed for longer than {@code stale-after}.
 */
@Serdeable
public record ResolvedAddress(
    URI uri, String source, @Nullable RegisteredInstance instance, boolean stale) {
  public static final String REGISTRY = "registry";
  public static final String DNS = "dns";

  static ResolvedAddress dns(URI uri) {
    return new ResolvedAddress(uri, DNS, null, false);
  }

  static ResolvedAddress registered(URI uri, RegisteredInstance instance, boolean stale) {
    return new ResolvedAddress(uri, REGISTRY, instance, stale);
  }
}
