package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Prometheus-Operator's PrometheusRule kind is served. */
public class PrometheusRulesInstalled implements Condition<HasMetadata, Microservice> {
  @Override
  public boolean isMet(
      DependentResource<HasMetadata, Microservice> dependent,
      Microservice primary,
      Context<Microservice> context) {
    return ReconcileState.of(context).platform().prometheusRules();
  }
}
