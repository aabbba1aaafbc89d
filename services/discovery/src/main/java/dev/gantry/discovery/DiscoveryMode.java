package dev.gantry.discovery;

import java.util.Locale;

/**
 * How calls between services are resolved; the operator sets it through {@code
 * GANTRY_DISCOVERY_MODE}.
 */
public enum DiscoveryMode {
  /**
   * Inside the Istio mesh: always the Kubernetes DNS name, so the mesh's routing, canary weights
   * and policy apply.
   */
  MESH,
  /**
   * Outside a mesh: the instances registered in etcd, balanced client-side; DNS when there are
   * none.
   */
  REGISTRY;

  /** Parses the environment value; blank means the default, {@link #REGISTRY}. */
  public static DiscoveryMode parse(String value) {
    if (value == null || value.isBlank()) {
      return REGISTRY;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "GANTRY_DISCOVERY_MODE must be 'mesh' or 'registry', not '" + value + "'", e);
    }
  }
}
