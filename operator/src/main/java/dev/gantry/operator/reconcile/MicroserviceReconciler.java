package dev.gantry.operator.reconcile;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.analysis.PrometheusClient;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.config.OperatorConfig;
import dev.gantry.operator.dependent.AuthorizationPolicyDependent;
import dev.gantry.operator.dependent.ConfigMapDependent;
import dev.gantry.operator.dependent.DeploymentDependent;
import dev.gantry.operator.dependent.DestinationRuleDependent;
import dev.gantry.operator.dependent.HorizontalPodAutoscalerDependent;
import dev.gantry.operator.dependent.PodDisruptionBudgetDependent;
import dev.gantry.operator.dependent.PreviewServiceDependent;
import dev.gantry.operator.dependent.PrometheusRuleDependent;
import dev.gantry.operator.dependent.ServiceAccountDependent;
import dev.gantry.operator.dependent.ServiceDependent;
import dev.gantry.operator.dependent.ServiceMonitorDependent;
import dev.gantry.operator.dependent.VirtualServiceDependent;
import dev.gantry.operator.metrics.OperatorMetrics;
import dev.gantry.operator.render.Deployments;
import dev.gantry.operator.render.Platform;
import dev.gantry.operator.render.Revisions;
import dev.gantry.operator.rollout.ActionOutcome;
import dev.gantry.operator.rollout.Conditions;
import dev.gantry.operator.rollout.RolloutInput;
import dev.gantry.operator.rollout.RolloutPlan;
import dev.gantry.operator.rollout.RolloutPlanner;
import dev.gantry.operator.rollout.Transition;
import dev.gantry.operator.rollout.Transitions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ContextInitializer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a Microservice: before the dependents run, it reads the Deployments of every
 * revision and asks the rollout core what to do; the dependents apply that decision (one per
 * child kind, server-side apply); then the status is written — only when it changed — with an
 * Event for every transition.
 */
@ControllerConfiguration(name = MicroserviceReconciler.NAME)
@Workflow(dependents = {
    @Dependent(name = ConfigMapDependent.NAME, type = ConfigMapDependent.class),
    @Dependent(name = DeploymentDependent.NAME, type = DeploymentDependent.class,
        dependsOn = ConfigMapDependent.NAME),
    @Dependent(name = ServiceAccountDependent.NAME, type = ServiceAccountDependent.class),
    @Dependent(name = ServiceDependent.NAME, type = ServiceDependent.class),
    @Dependent(name = PreviewServiceDependent.NAME, type = PreviewServiceDependent.class,
        reconcilePrecondition = PreviewServiceDependent.BlueGreenStrategy.class),
    @Dependent(name = PodDisruptionBudgetDependent.NAME, type = PodDisruptionBudgetDependent.class),
    @Dependent(name = HorizontalPodAutoscalerDependent.NAME, type = HorizontalPodAutoscalerDependent.class,
        reconcilePrecondition = HorizontalPodAutoscalerDependent.AutoscalingRequested.class),
    @Dependent(name = DestinationRuleDependent.NAME, type = DestinationRuleDependent.class,
        activationCondition = IstioInstalled.class),
    @Dependent(name = VirtualServiceDependent.NAME, type = VirtualServiceDependent.class,
        activationCondition = IstioInstalled.class, dependsOn = DestinationRuleDependent.NAME),
    @Dependent(name = AuthorizationPolicyDependent.NAME, type = AuthorizationPolicyDependent.class,
        activationCondition = IstioSecurityInstalled.class),
    @Dependent(name = PrometheusRuleDependent.NAME, type = PrometheusRuleDependent.class,
        activationCondition = PrometheusRulesInstalled.class,
        reconcilePrecondition = PrometheusRuleDependent.ObjectivesDeclared.class),
    @Dependent(name = ServiceMonitorDependent.NAME, type = ServiceMonitorDependent.class,
        activationCondition = PrometheusOperatorInstalled.class,
        reconcilePrecondition = ServiceMonitorDependent.MonitoringRequested.class),
})
public class MicroserviceReconciler
    implements Reconciler<Microservice>, ContextInitializer<Microservice> {

  public static final String NAME = "microservice";
  private static final Logger LOG = LoggerFactory.getLogger(MicroserviceReconciler.class);

  private final OperatorConfig config;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final CanaryAnalysis analysis;

  public MicroserviceReconciler(OperatorConfig config, EventRecorder events, OperatorMetrics metrics, Clock clock,
      PrometheusClient prometheus) {
    this.config = config;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.analysis = new CanaryAnalysis(config, prometheus);
  }

  @Override
  public List<EventSource<?, Microservice>> prepareEventSources(EventSourceContext<Microservice> context) {
    List<EventSource<?, Microservice>> sources = new ArrayList<>(Capabilities.eventSources(context));
    sources.add(ReleaseActions.eventSource(context));
    sources.add(Callers.eventSource(context));
    return sources;
  }

  @Override
  public void initContext(Microservice ms, Context<Microservice> context) {
    Platform platform = config.platform(Capabilities.istio(context), Capabilities.prometheusOperator(context),
        Capabilities.istioSecurity(context), Capabilities.prometheusRules(context));
    Map<String, Deployment> deployments = context.getSecondaryResourcesAsStream(Deployment.class)
        .filter(d -> Deployments.revisionOf(d) != null)
        .collect(Collectors.toMap(Deployments::revisionOf, d -> d, (a, b) -> a));
    Instant now = clock.instant();
    Optional<Check> check = analysis.runIfDue(ms, now);
    RolloutPlan plan = RolloutPlanner.plan(new RolloutInput(
        ms.getMetadata().getName(),
        ms.getSpec(),
        Objects.requireNonNullElse(ms.getMetadata().getGeneration(), 0L),
        ms.getStatus(),
        Revisions.of(ms, platform),
        Observations.of(deployments),
        ReleaseActions.pending(context),
        platform.istio(),
        check.orElse(null),
        now));
    check.ifPresent(c -> metrics.recordCheck(ms, c));
    new ReconcileState(platform, deployments, plan, Callers.of(ms, context)).store(context);
  }

  @Override
  public UpdateControl<Microservice> reconcile(Microservice ms, Context<Microservice> context) {
    RolloutPlan plan = ReconcileState.of(context).plan();
    MicroserviceStatus before = Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    MicroserviceStatus after = Conditions.apply(plan.status(), before.conditions(), clock.instant());
    metrics.recordPhase(ms, after.phase());
    boolean written = after.equals(before) || StatusWriter.write(ms, after, context);
    if (written) {
      if (!after.equals(before)) {
        for (Transition transition : Transitions.between(before, after)) {
          LOG.info("{}/{}: {} {}", ms.getMetadata().getNamespace(), ms.getMetadata().getName(),
              transition.reason(), transition.message());
          events.record(ms, transition);
        }
      }
      // Outcomes are told only once the status that records them is stored: an action is
      // never reported Applied without the rollout remembering it.
      for (ActionOutcome outcome : plan.outcomes()) {
        if (ReleaseActions.report(outcome, context, clock.instant())) {
          events.record(ms, ReleaseActions.transition(outcome));
        }
      }
    }
    UpdateControl<Microservice> control = UpdateControl.noUpdate();
    return plan.requeueAfter().map(control::rescheduleAfter).orElse(control);
  }

  /** A failed reconciliation is told in the status message and a Warning Event, once per cause. */
  @Override
  public ErrorStatusUpdateControl<Microservice> updateErrorStatus(
      Microservice ms, Context<Microservice> context, Exception e) {
    MicroserviceStatus before = Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    String message = "reconcile failed: " + rootMessage(e);
    if (message.equals(before.message())) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    LOG.warn("{}/{}: {}", ms.getMetadata().getNamespace(), ms.getMetadata().getName(), message);
    LOG.debug("reconcile failure", e);
    events.record(ms, new Transition(true, "ReconcileFailed", message));
    MicroserviceStatus after = before.toBuilder().message(message).build();
    StatusWriter.write(ms, after, context);
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
  }
}
