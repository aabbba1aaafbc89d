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

  /**
   * The instance id at the end of a well-formed key, or empty for anything else under the prefix.
   */
  public static Optional<String> instanceId(String key) {
    if (!key.startsWith(ROOT)) {
      return Optional.empty();
    }
    String[] parts = key.substring(ROOT.length()).split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts[2]);
  }
}
