package dev.gantry.operator.naming;

/** Names of generated objects, derived from the Microservice's name and a revision. */
public final class Names {

  private Names() {}

  public static String deployment(String name, String revision) {
    return name + "-" + revision;
  }

  public static String configMap(String name, String revision) {
    return name + "-" + revision + "-config";
  }

  /** The revision's API contract: its OpenAPI document and event schemas, as they were. */
  public static String apiConfigMap(String name, String revision) {
    return name + "-" + revision + "-api";
  }

  /** The in-cluster host of the service: {@code <name>.<namespace>.svc.<domain>}. */
  public static String serviceHost(String name, String namespace, String clusterDomain) {
    return name + "." + namespace + ".svc." + clusterDomain;
  }
}
