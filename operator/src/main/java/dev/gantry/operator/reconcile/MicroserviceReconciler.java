package dev.gantry.operator.reconcile;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.compatibility.Document;
import dev.gantry.operator.config.OperatorConfig;
import dev.gantry.operator.dependent.AuthorizationPolicyDependent;
import dev.gantry.operator.dependent.ConfigMapDependent;
import dev.gantry.operator.dependent.DeploymentDependent;
import dev.gantry.operator.dependent.DestinationRuleDependent;
import dev.gantry.operator.dependent.HorizontalPodAutoscalerDependent;
import dev.gantry.operator.dependent.IstioInstalled;
import dev.gantry.operator.dependent.IstioSecurityInstalled;
import dev.gantry.operator.dependent.KafkaUserDependent;
import dev.gantry.operator.dependent.KafkaUserSecretDependent;
import dev.gantry.operator.dependent.NameInUseException;
import dev.gantry.operator.dependent.PodDisruptionBudgetDependent;
import dev.gantry.operator.dependent.PreviewServiceDependent;
import dev.gantry.operator.dependent.PrometheusOperatorInstalled;
import dev.gantry.operator.dependent.PrometheusRuleDependent;
import dev.gantry.operator.dependent.PrometheusRulesInstalled;
import dev.gantry.operator.dependent.ReconcileState;
import dev.gantry.operator.dependent.ServiceAccountDependent;
import dev.gantry.operator.dependent.ServiceDependent;
import dev.gantry.operator.dependent.ServiceMonitorDependent;
import dev.gantry.operator.dependent.StrimziInstalled;
import dev.gantry.operator.dependent.VirtualServiceDependent;
import dev.gantry.operator.metrics.OperatorMetrics;
import dev.gantry.operator.render.Deployments;
import dev.gantry.operator.render.Platform;
import dev.gantry.operator.render.Revisions;
import dev.gantry.operator.rollout.ActionOutcome;
import dev.gantry.operator.rollout.Conditions;
import dev.gantry.operator.rollout.GroupDirective;
import dev.gantry.operator.rollout.PendingAction;
import dev.gantry.operator.rollout.Recovery;
import dev.gantry.operator.rollout.RevisionObservation;
import dev.gantry.operator.rollout.RolloutInput;
import dev.gantry.operator.rollout.RolloutPlan;
import dev.gantry.operator.rollout.RolloutPlanner;
import dev.gantry.operator.rollout.Transition;
import dev.gantry.operator.rollout.Transitions;
import dev.gantry.operator.tenancy.Acceptance;
import dev.gantry.operator.tenancy.SpecReview;
import dev.gantry.operator.tenancy.Violation;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a Microservice: before the dependents run, it reads the Deployments of every revision
 * and asks the rollout core what to do; the dependents apply that decision (one per child kind,
 * server-side apply); then the status is written — only when it changed — with an Event for every
 * transition.
 */
@ControllerConfiguration(name = MicroserviceReconciler.NAME)
@Workflow(
    dependents = {
      @Dependent(name = ConfigMapDependent.NAME, type = ConfigMapDependent.class),
      // A revision's pods need its configuration and run as the service's own ServiceAccount: when
      // either cannot be Gantry's (the name is taken), no Deployment is written.
      @Dependent(
          name = DeploymentDependent.NAME,
          type = DeploymentDependent.class,
          dependsOn = {ConfigMapDependent.NAME, ServiceAccountDependent.NAME}),
      @Dependent(name = ServiceAccountDependent.NAME, type = ServiceAccountDependent.class),
      @Dependent(name = ServiceDependent.NAME, type = ServiceDependent.class),
      @Dependent(
          name = PreviewServiceDependent.NAME,
          type = PreviewServiceDependent.class,
          reconcilePrecondition = PreviewServiceDependent.BlueGreenStrategy.class),
      @Dependent(
          name = PodDisruptionBudgetDependent.NAME,
          type = PodDisruptionBudgetDependent.class),
      @Dependent(
          name = HorizontalPodAutoscalerDependent.NAME,
          type = HorizontalPodAutoscalerDependent.class,
          reconcilePrecondition = HorizontalPodAutoscalerDependent.AutoscalingRequested.class),
      @Dependent(
          name = DestinationRuleDependent.NAME,
          type = DestinationRuleDependent.class,
          activationCondition = IstioInstalled.class),
      @Dependent(
          name = VirtualServiceDependent.NAME,
          type = VirtualServiceDependent.class,
          activationCondition = IstioInstalled.class,
          dependsOn = DestinationRuleDependent.NAME),
      @Dependent(
          name = AuthorizationPolicyDependent.NAME,
          type = AuthorizationPolicyDependent.class,
          activationCondition = IstioSecurityInstalled.class),
      @Dependent(
          name = PrometheusRuleDependent.NAME,
          type = PrometheusRuleDependent.class,
          activationCondition = PrometheusRulesInstalled.class,
          reconcilePrecondition = PrometheusRuleDependent.ObjectivesDeclared.class),
      @Dependent(
          name = ServiceMonitorDependent.NAME,
          type = ServiceMonitorDependent.class,
          activationCondition = PrometheusOperatorInstalled.class,
          reconcilePrecondition = ServiceMonitorDependent.MonitoringRequested.class),
      @Dependent(
          name = KafkaUserDependent.NAME,
          type = KafkaUserDependent.class,
          activationCondition = StrimziInstalled.class,
          reconcilePrecondition = KafkaUserDependent.KafkaRequested.class),
      // Strimzi writes the credentials once it made the user; without the user, no copy.
      @Dependent(
          name = KafkaUserSecretDependent.NAME,
          type = KafkaUserSecretDependent.class,
          activationCondition = StrimziInstalled.class,
          reconcilePrecondition = KafkaUserSecretDependent.CredentialsIssued.class,
          dependsOn = KafkaUserDependent.NAME),
    })
public class MicroserviceReconciler
    implements Reconciler<Microservice>, ContextInitializer<Microservice> {

  public static final String NAME = "microservice";
  private static final Logger LOG = LoggerFactory.getLogger(MicroserviceReconciler.class);

  /** How soon a name taken by somebody else's object is looked at again. */
  private static final Duration NAME_IN_USE_RECHECK = Duration.ofMinutes(1);

  private final OperatorConfig config;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final CanaryAnalysis analysis;
  private final ApiContracts contracts = new ApiContracts();
  private final RolloutBudgets budgets;

  /** With Strimzi configured: deletes the KafkaUsers of Microservices that are gone. */
  private final Optional<KafkaUserSweep> kafkaUsers;

  public MicroserviceReconciler(
      OperatorConfig config,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock,
      CanaryAnalysis analysis,
      RolloutBudgets budgets) {
    this.config = config;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.analysis = analysis;
    this.budgets = budgets;
    this.kafkaUsers =
        config
            .strimzi()
            .map(strimzi -> new KafkaUserSweep(strimzi.namespace(), config.watchNamespaces()));
  }

  @Override
  public List<EventSource<?, Microservice>> prepareEventSources(
      EventSourceContext<Microservice> context) {
    List<EventSource<?, Microservice>> sources =
        new ArrayList<>(Capabilities.eventSources(context));
    sources.add(ReleaseActions.eventSource(context));
    var microservices = Callers.eventSource(context);
    sources.add(microservices);
    sources.add(ApiContracts.eventSource(context, microservices));
    sources.add(analysis.eventSource());
    sources.addAll(RequestedByPolicy.eventSources(context));
    sources.addAll(budgets.eventSources(context));
    sources.add(ReleaseGroups.eventSource(context));
    config
        .strimzi()
        .ifPresent(
            strimzi -> sources.add(KafkaCredentials.eventSource(context, strimzi.namespace())));
    kafkaUsers.ifPresent(sweep -> sources.add(sweep.eventSource(context)));
    return sources;
  }

  @Override
  public void initContext(Microservice ms, Context<Microservice> context) {
    SpecReview.Result review = SpecReview.review(ms, config.tenancy());
    if (review.blocked()) {
      // It cannot start a rollout; were it in line for a slot, it would hold up those behind it.
      budgets.leave(ms);
      throw new NotAccepted(review.violations());
    }
    Platform platform =
        config.platform(
            Capabilities.istio(context),
            Capabilities.prometheusOperator(context),
            Capabilities.istioSecurity(context),
            Capabilities.prometheusRules(context),
            Capabilities.kafkaUsers(context));
    Optional<Secret> kafkaCredentials =
        platform.strimzi() == null
            ? Optional.empty()
            : KafkaCredentials.of(ms, platform.strimzi().namespace(), context);
    Map<String, Deployment> deployments =
        context
            .getSecondaryResourcesAsStream(Deployment.class)
            .filter(d -> Deployments.revisionOf(d) != null)
            .collect(Collectors.toMap(Deployments::revisionOf, d -> d, (a, b) -> a));
    Instant now = clock.instant();
    MicroserviceSpec spec = review.admitted();
    // The group's analysis is judged on this Microservice: the platform paces it like its own.
    GroupDirective group =
        ReleaseGroups.of(ms, context)
            .map(g -> GroupDirective.of(g, ms.getMetadata().getName()))
            .map(g -> g.pacedTo(config.tenancy().minAnalysisInterval()))
            .orElse(null);
    Analysis canaryAnalysis =
        group != null
            ? group.analysis()
            : spec.rollout().canary() == null ? null : spec.rollout().canary().analysis();
    CanaryAnalysis.Progress progress =
        canaryAnalysis == null
            ? CanaryAnalysis.Progress.NONE
            : analysis.progress(ms, canaryAnalysis, now);
    Optional<Check> check = Optional.ofNullable(progress.finished());
    List<PendingAction> pending = ReleaseActions.pending(context);
    Optional<String> untrusted =
        pending.isEmpty() ? Optional.empty() : RequestedByPolicy.problem(context);
    List<ActionOutcome> refused =
        untrusted
            .map(
                why ->
                    pending.stream()
                        .map(
                            action ->
                                new ActionOutcome(
                                    action,
                                    false,
                                    "not applied: "
                                        + why
                                        + ", so requestedBy cannot be"
                                        + " trusted; a platform engineer installs crds/releaseaction-policy.yaml (the gantry-operator chart"
                                        + " does)",
                                    null))
                        .toList())
            .orElse(List.of());
    Map<String, Document> declared = ApiContracts.declared(ms, context);
    String revision = Revisions.of(ms, platform, ApiContracts.fingerprint(declared));
    Map<String, RevisionObservation> observed = Observations.of(deployments);
    MicroserviceStatus remembered =
        Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    Recovery.Result recovered =
        Recovery.recover(
            remembered, revision, observed, ClusterRouting.of(ms, context, platform.istio()), now);
    ApiStatus api =
        contracts.judge(ms, revision, declared, recovered.status().stableRevision(), context);
    RolloutPlan plan =
        budgets.decide(
            ms,
            context,
            group != null,
            now,
            slot ->
                RolloutPlanner.plan(
                    new RolloutInput(
                        ms.getMetadata().getName(),
                        spec,
                        Objects.requireNonNullElse(ms.getMetadata().getGeneration(), 0L),
                        recovered.status(),
                        revision,
                        observed,
                        untrusted.isPresent() ? List.of() : pending,
                        platform.istio(),
                        check.orElse(null),
                        progress.pending(),
                        api,
                        slot,
                        group,
                        now)));
    check.ifPresent(c -> metrics.recordCheck(ms, c));
    new ReconcileState(
            platform,
            deployments,
            plan,
            Callers.of(ms, context),
            admitted(ms, spec),
            review.violations(),
            refused,
            Optional.ofNullable(progress.recheck()),
            recovered,
            ApiContracts.storable(declared),
            kafkaCredentials)
        .store(context);
  }

  @Override
  public UpdateControl<Microservice> reconcile(Microservice ms, Context<Microservice> context) {
    ReconcileState state = ReconcileState.of(context);
    if (state.platform().strimzi() != null) {
      // After the dependents: the first reconciliation that needs KafkaUsers starts their watch.
      kafkaUsers.ifPresent(sweep -> sweep.sweep(context));
    }
    RolloutPlan plan = state.plan();
    MicroserviceStatus before =
        Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    Instant now = clock.instant();
    MicroserviceStatus after =
        Conditions.apply(
            Acceptance.apply(plan.status(), state.violations(), now), before.conditions(), now);
    metrics.recordPhase(ms, after.phase());
    boolean written =
        after.equals(before) || StatusWriter.write(ms, after, Microservice::new, context);
    if (written) {
      budgets.written(ms, plan);
      if (!after.equals(before)) {
        String rebuilt = state.recovery().note();
        if (rebuilt != null) {
          LOG.warn(
              "{}/{}: {}", ms.getMetadata().getNamespace(), ms.getMetadata().getName(), rebuilt);
          events.record(ms, new Transition(true, "StatusRebuilt", rebuilt));
        }
        // After a rebuild, what changed is told against what was rebuilt, not against the lost
        // status.
        MicroserviceStatus told = rebuilt != null ? state.recovery().status() : before;
        for (Transition transition : Transitions.between(told, after)) {
          LOG.info(
              "{}/{}: {} {}",
              ms.getMetadata().getNamespace(),
              ms.getMetadata().getName(),
              transition.reason(),
              transition.message());
          events.record(ms, transition);
        }
      }
      // Outcomes are told only once the status that records them is stored: an action is
      // never reported Applied without the rollout remembering it.
      for (ActionOutcome outcome : state.outcomes()) {
        if (ReleaseActions.report(outcome, context, clock.instant())) {
          events.record(ms, ReleaseActions.transition(outcome));
        }
      }
    }
    UpdateControl<Microservice> control = UpdateControl.noUpdate();
    if (!written) {
      return control.rescheduleAfter(StatusWriter.DECIDE_AGAIN);
    }
    return state.requeueAfter().map(control::rescheduleAfter).orElse(control);
  }

  /**
   * A failed reconciliation is told in the status message and a Warning Event, once per cause. When
   * the Microservice is not accepted — it names a Secret it may not read, or an object it needs
   * exists and is somebody else's — the phase is {@code Degraded} and the condition {@code
   * Accepted} says why; retrying at once would change nothing, so it is checked again later (and at
   * once when the spec changes).
   */
  @Override
  public ErrorStatusUpdateControl<Microservice> updateErrorStatus(
      Microservice ms, Context<Microservice> context, Exception e) {
    MicroserviceStatus before =
        Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    List<Violation> violations = violations(e);
    if (!violations.isEmpty()) {
      Instant now = clock.instant();
      MicroserviceStatus seen =
          before.toBuilder().observedGeneration(ms.getMetadata().getGeneration()).build();
      MicroserviceStatus after =
          Conditions.apply(Acceptance.refused(seen, violations, now), before.conditions(), now);
      if (!after.equals(before) && StatusWriter.write(ms, after, Microservice::new, context)) {
        LOG.warn(
            "{}/{}: not accepted: {}",
            ms.getMetadata().getNamespace(),
            ms.getMetadata().getName(),
            after.message());
        events.record(ms, new Transition(true, violations.get(0).reason(), after.message()));
      }
      boolean nameInUse =
          violations.stream().anyMatch(v -> Violation.NAME_IN_USE.equals(v.reason()));
      return ErrorStatusUpdateControl.<Microservice>noStatusUpdate()
          .withNoRetry()
          .rescheduleAfter(nameInUse ? NAME_IN_USE_RECHECK : config.resyncInterval());
    }
    String message = "reconcile failed: " + rootMessage(e);
    if (message.equals(before.message())) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    LOG.warn("{}/{}: {}", ms.getMetadata().getNamespace(), ms.getMetadata().getName(), message);
    LOG.debug("reconcile failure", e);
    events.record(ms, new Transition(true, "ReconcileFailed", message));
    MicroserviceStatus after = before.toBuilder().message(message).build();
    StatusWriter.write(ms, after, Microservice::new, context);
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  /**
   * What the platform refused, found anywhere in the failure: the spec, or names taken by other
   * objects.
   */
  private static List<Violation> violations(Throwable e) {
    List<Violation> found = new ArrayList<>();
    collect(e, found, Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void collect(Throwable e, List<Violation> found, Set<Throwable> seen) {
    if (e == null || !seen.add(e)) {
      return;
    }
    if (e instanceof NotAccepted notAccepted) {
      found.addAll(notAccepted.violations());
    } else if (e instanceof NameInUseException inUse) {
      found.add(
          new Violation(
              inUse.kind() + " " + inUse.name(), Violation.NAME_IN_USE, inUse.why(), true));
    } else if (e instanceof AggregatedOperatorException aggregated) {
      aggregated.getAggregatedExceptions().values().forEach(cause -> collect(cause, found, seen));
    }
    collect(e.getCause(), found, seen);
  }

  /** The Microservice with the spec the platform admits, for the dependents that route it. */
  private static Microservice admitted(Microservice ms, MicroserviceSpec spec) {
    Microservice admitted = new Microservice();
    admitted.setMetadata(ms.getMetadata());
    admitted.setSpec(spec);
    admitted.setStatus(ms.getStatus());
    return admitted;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
  }
}
