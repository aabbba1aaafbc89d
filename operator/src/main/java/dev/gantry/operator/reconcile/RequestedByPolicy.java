package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;

/**
 * Whether the API server ties a ReleaseAction's {@code requestedBy} to the user who created it: the
 * admission policy {@value #NAME} and its binding, installed as shipped. Without them {@code
 * requestedBy} is free text, and an action's place in the audit trail a claim nobody checked, so
 * the operator applies no ReleaseAction until they are back.
 */
final class RequestedByPolicy {

  static final String NAME = "gantry-releaseaction-requested-by";

  /** The check the shipped policy makes; the policy must make it, word for word. */
  static final String EXPRESSION =
      "request.operation != 'CREATE' || object.spec.requestedBy == request.userInfo.username";

  private static final String POLICY_SOURCE = "requested-by-policy";
  private static final String BINDING_SOURCE = "requested-by-policy-binding";

  private RequestedByPolicy() {}

  /** Why the policy does not hold, or empty when it does. */
  static Optional<String> problem(
      ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicyBinding binding) {
    if (policy == null || policy.getSpec() == null) {
      return Optional.of("the ValidatingAdmissionPolicy " + NAME + " is not installed");
    }
    var spec = policy.getSpec();
    if (!"Fail".equals(spec.getFailurePolicy())) {
      return Optional.of(
          "the ValidatingAdmissionPolicy " + NAME + " does not fail closed (failurePolicy Fail)");
    }
    List<Validation> validations =
        spec.getValidations() == null ? List.of() : spec.getValidations();
    if (validations.stream().noneMatch(v -> EXPRESSION.equals(v.getExpression()))) {
      return Optional.of(
          "the ValidatingAdmissionPolicy " + NAME + " does not compare requestedBy with the user");
    }
    List<NamedRuleWithOperations> rules =
        spec.getMatchConstraints() == null || spec.getMatchConstraints().getResourceRules() == null
            ? List.of()
            : spec.getMatchConstraints().getResourceRules();
    boolean coversCreate =
        rules.stream()
            .anyMatch(
                r ->
                    contains(r.getApiGroups(), "gantry.dev")
                        && contains(r.getResources(), "releaseactions")
                        && contains(r.getOperations(), "CREATE"));
    if (!coversCreate) {
      return Optional.of(
          "the ValidatingAdmissionPolicy "
              + NAME
              + " does not match the creation of releaseactions");
    }
    if (binding == null || binding.getSpec() == null) {
      return Optional.of("the ValidatingAdmissionPolicyBinding " + NAME + " is not installed");
    }
    var bound = binding.getSpec();
    if (!NAME.equals(bound.getPolicyName())
        || bound.getValidationActions() == null
        || !bound.getValidationActions().contains("Deny")) {
      return Optional.of(
          "the ValidatingAdmissionPolicyBinding " + NAME + " does not deny with policy " + NAME);
    }
    if (bound.getParamRef() != null || narrowed(bound.getMatchResources())) {
      return Optional.of(
          "the ValidatingAdmissionPolicyBinding " + NAME + " applies to only some requests");
    }
    return Optional.empty();
  }

  private static boolean narrowed(MatchResources match) {
    return match != null
        && (match.getNamespaceSelector() != null
            || match.getObjectSelector() != null
            || match.getResourceRules() != null && !match.getResourceRules().isEmpty()
            || match.getExcludeResourceRules() != null
                && !match.getExcludeResourceRules().isEmpty());
  }

  private static boolean contains(List<String> values, String value) {
    return values != null && (values.contains(value) || values.contains("*"));
  }

  static List<InformerEventSource<?, Microservice>> eventSources(
      EventSourceContext<Microservice> context) {
    return List.of(
        ClusterObjectWatch.eventSource(
            context, ValidatingAdmissionPolicy.class, NAME, POLICY_SOURCE),
        ClusterObjectWatch.eventSource(
            context, ValidatingAdmissionPolicyBinding.class, NAME, BINDING_SOURCE));
  }

  /** Why ReleaseActions cannot be trusted now, or empty when they can. */
  static Optional<String> problem(Context<Microservice> context) {
    return problem(
        ClusterObjectWatch.current(context, ValidatingAdmissionPolicy.class, NAME, POLICY_SOURCE)
            .orElse(null),
        ClusterObjectWatch.current(
                context, ValidatingAdmissionPolicyBinding.class, NAME, BINDING_SOURCE)
            .orElse(null));
  }
}
