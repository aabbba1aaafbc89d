package dev.gantry.discovery;

/** How far the local registry view can be trusted. */
public enum RegistryState {
  /** Never read from etcd yet: nothing to go on. */
  UNSYNCED,
  /** etcd reachable, or lost less than {@code stale-after} ago. */
  FRESH,
  /**
   * etcd lost for longer than {@code stale-after}: the last instances seen are still the best guess
   * (outside a mesh the DNS name may not resolve at all), and are reported as stale.
   */
  STALE
}
