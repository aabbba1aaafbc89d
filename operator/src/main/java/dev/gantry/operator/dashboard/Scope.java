package dev.gantry.operator.dashboard;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.TreeSet;

/**
 * The namespaces whose Microservices (or ReleaseGroups) a user may list: every namespace when they
 * may list them cluster-wide; otherwise those among the namespaces they may list (or, when they may
 * not list namespaces, the ones the dashboard was started with) in which the API server lets them
 * list Microservices.
 *
 * @param namespaces the namespaces to look in; empty when {@code everywhere}
 */
record Scope(boolean everywhere, List<String> namespaces) {

  /** Where {@code client} may list {@code resource} of group {@code gantry.dev}. */
  static Scope of(KubernetesClient client, List<String> given, String resource) {
    if (given.isEmpty() && Permissions.may(client, "list", Permissions.GANTRY, resource, "")) {
      return new Scope(true, List.of());
    }
    TreeSet<String> candidates = new TreeSet<>(given);
    if (given.isEmpty() && Permissions.may(client, "list", "", "namespaces", "")) {
      client.namespaces().list().getItems().stream()
          .map(Namespace::getMetadata)
          .forEach(m -> candidates.add(m.getName()));
    }
    if (candidates.isEmpty() && client.getNamespace() != null) {
      candidates.add(client.getNamespace());
    }
    return new Scope(
        false,
        candidates.stream()
            .filter(ns -> Permissions.may(client, "list", Permissions.GANTRY, resource, ns))
            .toList());
  }

  String describe() {
    if (everywhere) {
      return "All namespaces.";
    }
    return namespaces.isEmpty()
        ? "You may not list Microservices in any namespace the dashboard knows of."
        : "Namespaces you may list Microservices in: " + String.join(", ", namespaces) + ".";
  }
}
