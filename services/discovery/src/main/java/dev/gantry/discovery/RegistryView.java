package dev.gantry.discovery;

import java.util.List;

/** The locally cached view of the etcd registry that resolution reads; never blocks on etcd. */
public interface RegistryView {

  /** Every instance registered in this service's namespace, as last seen. */
  List<RegisteredInstance> instances();

  /**
   * Whether the view may be used: synced at least once, and etcd reachable or lost only recently.
   */
  boolean usable();

  /** Whether the last contact with etcd succeeded. */
  boolean reachable();
}
