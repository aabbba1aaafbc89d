package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.render.Platform;
import dev.gantry.operator.rollout.RolloutPlan;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;

/**
 * What one reconciliation knows, computed once before the dependents run and shared by them:
 * the platform, the Deployments by revision, the rollout decision, and the Microservices of
 * the namespace that call this one (their {@code dependsOn} names it).
 */
public record ReconcileState(Platform platform, Map<String, Deployment> deployments, RolloutPlan plan,
    List<String> callers) {

  private static final String KEY = ReconcileState.class.getName();

  public static ReconcileState of(Context<Microservice> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, ReconcileState.class);
  }

  void store(Context<Microservice> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }
}
