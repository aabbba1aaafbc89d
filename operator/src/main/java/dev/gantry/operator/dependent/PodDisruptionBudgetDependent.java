package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.DisruptionBudgets;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The PodDisruptionBudget over all of the service's pods. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class PodDisruptionBudgetDependent extends MicroserviceChild<PodDisruptionBudget> {

  public static final String NAME = "poddisruptionbudget";

  public PodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(Microservice ms, Context<Microservice> context) {
    return DisruptionBudgets.desired(ms);
  }
}
