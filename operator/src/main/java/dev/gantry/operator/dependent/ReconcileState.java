package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Kafka;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.render.Platform;
import dev.gantry.operator.rollout.ActionOutcome;
import dev.gantry.operator.rollout.Recovery;
import dev.gantry.operator.rollout.RolloutPlan;
import dev.gantry.operator.tenancy.Violation;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one reconciliation knows, computed once before the dependents run and shared by them: the
 * platform, the Deployments by revision, the rollout decision, the Microservices of the namespace
 * that call this one (their {@code dependsOn} names it), and the Microservice as the platform
 * admits it (without hosts or gateways it may not use), with what was left out, and the release
 * actions refused before the rollout saw them (their author could not be trusted), and when to look
 * again at a canary check still being measured, and what was rebuilt from the cluster when the
 * status did not say what serves, and the API documents stored with the spec's revision, and the
 * Kafka credentials Strimzi issued the service (when it manages the services' Kafka users).
 */
public record ReconcileState(
    Platform platform,
    Map<String, Deployment> deployments,
    RolloutPlan plan,
    List<String> callers,
    Microservice admitted,
    List<Violation> violations,
    List<ActionOutcome> refusedActions,
    Optional<Duration> analysisRecheck,
    Recovery.Result recovery,
    Map<String, String> apiDocuments,
    Optional<Secret> kafkaCredentials) {

  private static final String KEY = ReconcileState.class.getName();

  /**
   * The service's Kafka access, from its admitted kafka block; empty when it has none. Derived, not
   * stored: every dependent that hands it on (the list, the KafkaUser) sees the same.
   */
  public Optional<KafkaAccess> kafkaAccess() {
    Kafka kafka = admitted.getSpec().kafka();
    return kafka == null
        ? Optional.empty()
        : Optional.of(
            KafkaAccess.of(
                admitted.getMetadata().getNamespace(), admitted.getMetadata().getName(), kafka));
  }

  public static ReconcileState of(Context<Microservice> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(KEY, ReconcileState.class);
  }

  /** What became of every release action waiting for this Microservice. */
  public List<ActionOutcome> outcomes() {
    List<ActionOutcome> outcomes = new ArrayList<>(refusedActions);
    outcomes.addAll(plan.outcomes());
    return outcomes;
  }

  /** When to reconcile again even if nothing changes: the rollout's timers, or a pending check. */
  public Optional<Duration> requeueAfter() {
    return Stream.of(plan.requeueAfter(), analysisRecheck)
        .flatMap(Optional::stream)
        .min(Duration::compareTo);
  }

  public void store(Context<Microservice> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }
}
