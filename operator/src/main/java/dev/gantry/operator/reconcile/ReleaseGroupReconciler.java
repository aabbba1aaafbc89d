package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupStatus;
import dev.gantry.operator.rollout.ActionOutcome;
import dev.gantry.operator.rollout.Conditions;
import dev.gantry.operator.rollout.GroupInput;
import dev.gantry.operator.rollout.GroupPlan;
import dev.gantry.operator.rollout.GroupRollout;
import dev.gantry.operator.rollout.MemberView;
import dev.gantry.operator.rollout.Transition;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a ReleaseGroup: reads its members' statuses, asks the rollout core where the group's
 * release goes ({@link GroupRollout}), and writes the group's status — which tells every member
 * what to do; the members' own reconcilers carry it out. Release actions on the group are answered
 * here, once, for all members.
 */
@ControllerConfiguration(name = ReleaseGroupReconciler.NAME)
public class ReleaseGroupReconciler implements Reconciler<ReleaseGroup> {

  public static final String NAME = "releasegroup";
  static final String MEMBERS = "members";
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseGroupReconciler.class);

  private final RolloutBudgets budgets;
  private final EventRecorder events;
  private final Clock clock;

  public ReleaseGroupReconciler(RolloutBudgets budgets, EventRecorder events, Clock clock) {
    this.budgets = budgets;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ReleaseGroup>> prepareEventSources(
      EventSourceContext<ReleaseGroup> context) {
    // A member's status or dependencies changed: the groups that list it decide again.
    var members =
        InformerEventSourceConfiguration.from(Microservice.class, ReleaseGroup.class)
            .withName(MEMBERS)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(
                ms ->
                    context
                        .getPrimaryCache()
                        .list(ms.getMetadata().getNamespace())
                        .filter(g -> g.getSpec().members().contains(ms.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return List.of(
        new InformerEventSource<>(members, context),
        ReleaseActions.groupEventSource(context),
        budgets.groupEventSource());
  }

  @Override
  @SuppressWarnings("unchecked")
  public UpdateControl<ReleaseGroup> reconcile(ReleaseGroup group, Context<ReleaseGroup> context) {
    String namespace = group.getMetadata().getNamespace();
    var microservices =
        (InformerEventSource<Microservice, ReleaseGroup>)
            context.eventSourceRetriever().getEventSourceFor(Microservice.class, MEMBERS);
    Map<String, MemberView> members = new HashMap<>();
    for (String name : group.getSpec().members()) {
      microservices
          .get(new ResourceID(name, namespace))
          .filter(ms -> ms.getSpec() != null && ms.getMetadata().getDeletionTimestamp() == null)
          .ifPresent(ms -> members.put(name, MemberView.of(ms)));
    }
    List<ReleaseGroup> inNamespace = context.getPrimaryCache().list(namespace).toList();
    Map<String, String> elsewhere = ReleaseGroups.elsewhere(group, inNamespace);
    Instant now = clock.instant();
    ReleaseGroupStatus before =
        Objects.requireNonNullElse(group.getStatus(), ReleaseGroupStatus.EMPTY);
    GroupPlan plan =
        budgets.decideGroup(
            group,
            microservices.list(),
            context.getPrimaryCache().list(),
            now,
            slot ->
                GroupRollout.plan(
                    new GroupInput(
                        group.getMetadata().getName(),
                        group.getSpec(),
                        Objects.requireNonNullElse(group.getMetadata().getGeneration(), 0L),
                        before,
                        members,
                        elsewhere,
                        ReleaseActions.pending(context),
                        slot,
                        now)));
    ReleaseGroupStatus after = Conditions.apply(plan.status(), now);
    boolean written =
        after.equals(before) || StatusWriter.write(group, after, ReleaseGroup::new, context);
    if (written) {
      budgets.written(group, plan);
      if (after.phase() != before.phase() && after.phase() != null) {
        LOG.info(
            "{}/{}: {} {}",
            namespace,
            group.getMetadata().getName(),
            after.phase(),
            after.message());
        events.record(
            group,
            new Transition(
                after.phase() == GroupPhase.Aborted || after.phase() == GroupPhase.Degraded,
                "Release" + after.phase().name(),
                Objects.requireNonNullElse(after.message(), "")));
      }
      for (ActionOutcome outcome : plan.outcomes()) {
        if (ReleaseActions.report(outcome, context, clock.instant())) {
          events.record(group, ReleaseActions.transition(outcome));
        }
      }
    }
    UpdateControl<ReleaseGroup> control = UpdateControl.noUpdate();
    if (!written) {
      return control.rescheduleAfter(StatusWriter.DECIDE_AGAIN);
    }
    return plan.requeueAfter().map(control::rescheduleAfter).orElse(control);
  }
}
