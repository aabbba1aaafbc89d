package dev.gantry.discovery;

import java.util.List;

/** The locally cached view of the etcd registry that resolution reads; never blocks on etcd. */
public interface RegistryView {

  /** Every instance registered in this service's namespace, as last seen. */
  List<RegisteredInstance> instances();

  /** Whether the view was ever synced, and how recently. */
  RegistryState state();

  /** Whether the last contact with etcd succeeded. */
  boolean reachable();
}
