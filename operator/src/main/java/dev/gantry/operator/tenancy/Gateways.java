package dev.gantry.operator.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Istio Gateway references as a VirtualService writes them: {@code <namespace>/<name>}, or a name
 * in its own namespace.
 */
public final class Gateways {

  /** Not a Gateway object: Istio's name for the sidecars of the mesh. */
  public static final String MESH = "mesh";

  private Gateways() {}

  /** {@code <namespace>/<name>}, the namespace defaulting to the route's own. */
  public static String qualified(String gateway, String routeNamespace) {
    return gateway.contains("/") ? gateway : routeNamespace + "/" + gateway;
  }

  /**
   * Where a route and its subsets must be visible: its own namespace ({@code "."}), plus the
   * namespace of every Gateway it binds to, since a gateway only routes what is exported to it.
   */
  public static List<String> exportTo(List<String> gateways, String routeNamespace) {
    TreeSet<String> namespaces = new TreeSet<>();
    for (String gateway : gateways) {
      if (!MESH.equals(gateway)) {
        String namespace = qualified(gateway, routeNamespace).split("/", 2)[0];
        if (!namespace.equals(routeNamespace)) {
          namespaces.add(namespace);
        }
      }
    }
    List<String> exportTo = new ArrayList<>();
    exportTo.add(".");
    exportTo.addAll(namespaces);
    return exportTo;
  }
}
