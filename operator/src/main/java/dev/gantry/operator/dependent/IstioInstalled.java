package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Istio's networking kinds are served: routes and subsets are managed. */
public class IstioInstalled implements Condition<HasMetadata, Microservice> {
  @Override
  public boolean isMet(
      DependentResource<HasMetadata, Microservice> dependent,
      Microservice primary,
      Context<Microservice> context) {
    return ReconcileState.of(context).platform().istio();
  }
}
