package dev.gantry.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.testing.LocalCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResourcesBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRefBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator trusts {@code requestedBy} only while the policy of crds/releaseaction-policy.yaml
 * is installed as shipped: every way of weakening it is noticed.
 */
class RequestedByPolicyTest {

  static Stream<Arguments> policies() {
    return Stream.of(
        row("as shipped", p -> {}, b -> {}, null),
        row(
            "policy missing",
            null,
            b -> {},
            "ValidatingAdmissionPolicy gantry-releaseaction-requested-by is not installed"),
        row(
            "binding missing",
            p -> {},
            null,
            "Binding gantry-releaseaction-requested-by is not installed"),
        row(
            "fails open",
            p -> p.getSpec().setFailurePolicy("Ignore"),
            b -> {},
            "does not fail closed"),
        row(
            "check rewritten",
            p -> p.getSpec().getValidations().get(0).setExpression("true"),
            b -> {},
            "does not compare requestedBy"),
        row(
            "creation not matched",
            p ->
                p.getSpec()
                    .getMatchConstraints()
                    .getResourceRules()
                    .get(0)
                    .setOperations(List.of("UPDATE")),
            b -> {},
            "does not match the creation"),
        row(
            "only warns",
            p -> {},
            b -> b.getSpec().setValidationActions(List.of("Warn")),
            "does not deny"),
        row(
            "bound to another policy",
            p -> {},
            b -> b.getSpec().setPolicyName("something-else"),
            "does not deny"),
        row(
            "narrowed to some namespaces",
            p -> {},
            b ->
                b.getSpec()
                    .setMatchResources(
                        new MatchResourcesBuilder()
                            .withNamespaceSelector(
                                new LabelSelectorBuilder()
                                    .addToMatchLabels("checked", "yes")
                                    .build())
                            .build()),
            "applies to only some requests"),
        row(
            "parameterised",
            p -> {},
            b -> b.getSpec().setParamRef(new ParamRefBuilder().withName("x").build()),
            "applies to only some requests"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void weakenedPoliciesAreNoticed(
      String description,
      Consumer<ValidatingAdmissionPolicy> policyChange,
      Consumer<ValidatingAdmissionPolicyBinding> bindingChange,
      String problem)
      throws IOException {
    ValidatingAdmissionPolicy policy = shipped(ValidatingAdmissionPolicy.class);
    ValidatingAdmissionPolicyBinding binding = shipped(ValidatingAdmissionPolicyBinding.class);
    if (policyChange != null) {
      policyChange.accept(policy);
    }
    if (bindingChange != null) {
      bindingChange.accept(binding);
    }
    var found =
        RequestedByPolicy.problem(
            policyChange == null ? null : policy, bindingChange == null ? null : binding);
    if (problem == null) {
      assertThat(found).as(description).isEmpty();
    } else {
      assertThat(found).as(description).hasValueSatisfying(p -> assertThat(p).contains(problem));
    }
  }

  private static Arguments row(
      String description,
      Consumer<ValidatingAdmissionPolicy> policy,
      Consumer<ValidatingAdmissionPolicyBinding> binding,
      String problem) {
    return Arguments.of(description, policy, binding, problem);
  }

  /** The object of this kind in crds/releaseaction-policy.yaml. */
  private static <T extends HasMetadata> T shipped(Class<T> kind) throws IOException {
    String yaml =
        Files.readString(LocalCluster.repoRoot().resolve("crds/releaseaction-policy.yaml"));
    List<HasMetadata> objects = Serialization.unmarshal(yaml);
    return objects.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
  }
}
