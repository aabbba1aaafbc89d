package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.naming.Labels;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleBuilder;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.AuthorizationPolicyBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Who may call a service: exactly the Microservices whose {@code dependsOn} names it (by their
 * ServiceAccount identities), the ingress gateway on the paths the service declares public when it
 * has hosts or gateways, and Prometheus on the metrics path. Everything else is refused once this
 * ALLOW policy applies. The gateway never reaches a management path (the platform's list and the
 * service's metrics path, each with what lies below it), even under a public prefix such as {@code
 * /*}.
 */
public final class AuthorizationPolicies {

  private AuthorizationPolicies() {}

  /**
   * @param callers names of the Microservices in the same namespace that depend on this one
   */
  public static AuthorizationPolicy desired(
      Microservice ms, Platform.MeshSecurity mesh, Collection<String> callers) {
    String name = ms.getMetadata().getName();
    String namespace = ms.getMetadata().getNamespace();
    MicroserviceSpec spec = ms.getSpec();
    List<Rule> rules = new ArrayList<>();
    TreeSet<String> principals = new TreeSet<>();
    callers.forEach(caller -> principals.add(mesh.principal(namespace, caller)));
    if (!principals.isEmpty()) {
      rules.add(
          new RuleBuilder()
              .addNewFrom()
              .withNewSource()
              .withPrincipals(List.copyOf(principals))
              .endSource()
              .endFrom()
              .build());
    }
    if (spec.traffic().exposed() && !spec.traffic().publicPaths().isEmpty()) {
      rules.add(
          new RuleBuilder()
              .addNewFrom()
              .withNewSource()
              .withPrincipals(mesh.ingressGatewayPrincipal())
              .endSource()
              .endFrom()
              .addNewTo()
              .withNewOperation()
              .withPaths(spec.traffic().publicPaths())
              .withNotPaths(neverPublic(mesh, spec))
              .endOperation()
              .endTo()
              .build());
    }
    if (spec.monitoring().enabled()) {
      rules.add(
          new RuleBuilder()
              .addNewFrom()
              .withNewSource()
              .withNamespaces(mesh.prometheusNamespace())
              .endSource()
              .endFrom()
              .addNewTo()
              .withNewOperation()
              .withMethods("GET")
              .withPaths(spec.monitoring().path())
              .endOperation()
              .endTo()
              .build());
    }
    return new AuthorizationPolicyBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(Labels.serviceSelector(name))
        .endSelector()
        .withAction(AuthorizationPolicyAction.ALLOW)
        .withRules(rules)
        .endSpec()
        .build();
  }

  /** Each management path and everything below it, the metrics path included. */
  static List<String> neverPublic(Platform.MeshSecurity mesh, MicroserviceSpec spec) {
    TreeSet<String> paths = new TreeSet<>(mesh.managementPaths());
    if (spec.monitoring().enabled()) {
      paths.add(spec.monitoring().path());
    }
    List<String> patterns = new ArrayList<>();
    for (String path : paths) {
      patterns.add(path);
      patterns.add(path.endsWith("/") ? path + "*" : path + "/*");
    }
    return patterns;
  }
}
