package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The platform configured Strimzi and the cluster serves its KafkaUser kind: services' Kafka users
 * are made by Strimzi's User Operator, and their credentials copied to them. Until then the kinds'
 * watches are not started (their objects could not be read).
 */
public class StrimziInstalled implements Condition<HasMetadata, Microservice> {
  @Override
  public boolean isMet(
      DependentResource<HasMetadata, Microservice> dependent,
      Microservice primary,
      Context<Microservice> context) {
    return ReconcileState.of(context).platform().strimzi() != null;
  }
}
