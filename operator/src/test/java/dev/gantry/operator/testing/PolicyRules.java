package dev.gantry.operator.testing;

import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import java.util.Optional;

/** Reading generated AuthorizationPolicies in tests. */
public final class PolicyRules {
  private PolicyRules() {}

  /** The rule admitting {@code principal}, if the policy has one. */
  public static Optional<Rule> admitting(AuthorizationPolicy policy, String principal) {
    return policy.getSpec().getRules().stream()
        .filter(rule -> rule.getFrom().get(0).getSource().getPrincipals().contains(principal))
        .findFirst();
  }
}
