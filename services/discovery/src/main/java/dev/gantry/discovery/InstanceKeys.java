package dev.gantry.discovery;

import java.util.Optional;

/** The etcd key layout: {@code /gantry/instances/<namespace>/<service>/<instance-id>}. */
public final class InstanceKeys {
  public static final String ROOT = "/gantry/instances/";

  private InstanceKeys() {}

  /** All instances in a namespace: what one service watches. */
  public static String namespacePrefix(String namespace) {
    return ROOT + namespace + "/";
  }

  public static String servicePrefix(String namespace, String service) {
    return namespacePrefix(namespace) + service + "/";
  }

  public static String key(String namespace, String service, String instanceId) {
    return servicePrefix(namespace, service) + instanceId;
  }

  /** Where a well-formed key stores an instance, or empty for anything else under the prefix. */
  public static Optional<Location> parse(String key) {
    if (!key.startsWith(ROOT)) {
      return Optional.empty();
    }
    String[] parts = key.substring(ROOT.length()).split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Location(parts[0], parts[1], parts[2]));
  }

  /** The namespace, service and instance id a key names. */
  public record Location(String namespace, String service, String id) {

    /**
     * Whether {@code instance} says it is what the key names. Only a service's own credentials can
     * write under its key (the etcd roles in services/README.md); a value claiming another service
     * or namespace was written by someone else and is not to be believed.
     */
    public boolean holds(Instance instance) {
      return service.equals(instance.service()) && namespace.equals(instance.namespace());
    }
  }
}
