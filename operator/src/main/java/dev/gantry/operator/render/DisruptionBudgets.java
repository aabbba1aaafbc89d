package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * Voluntary disruptions (node drains) take at most one pod of the service at a time. Pods that are
 * not Ready may always be evicted, so a broken pod never blocks a drain.
 */
public final class DisruptionBudgets {

  private DisruptionBudgets() {}

  public static PodDisruptionBudget desired(Microservice ms) {
    String name = ms.getMetadata().getName();
    return new PodDisruptionBudgetBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withNewSpec()
        .withNewMaxUnavailable(1)
        .withNewSelector()
        .withMatchLabels(Labels.serviceSelector(name))
        .endSelector()
        .withUnhealthyPodEvictionPolicy("AlwaysAllow")
        .endSpec()
        .build();
  }
}
