package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.DestinationRules;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Istio DestinationRule with the {@code stable} and {@code canary} subsets. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class DestinationRuleDependent extends MicroserviceChild<DestinationRule> {

  public static final String NAME = "destinationrule";

  public DestinationRuleDependent() {
    super(DestinationRule.class);
  }

  @Override
  protected DestinationRule desired(Microservice ms, Context<Microservice> context) {
    var state = ReconcileState.of(context);
    return DestinationRules.desired(state.admitted(), state.platform(), state.plan().routing());
  }
}
