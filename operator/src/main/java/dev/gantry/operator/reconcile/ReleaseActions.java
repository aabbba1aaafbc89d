package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.ReleaseActionStatus;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.rollout.ActionOutcome;
import dev.gantry.operator.rollout.PendingAction;
import dev.gantry.operator.rollout.Transition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release actions reach the reconciler of their target Microservice (or release group), so they are
 * applied in order with everything else that decides the rollout, and never race with it.
 */
final class ReleaseActions {

  static final String EVENT_SOURCE = "release-actions";
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseActions.class);

  private ReleaseActions() {}

  static InformerEventSource<ReleaseAction, Microservice> eventSource(
      EventSourceContext<Microservice> context) {
    return eventSource(context, Microservice.class, ReleaseActionSpec::target);
  }

  /** The same for release groups: actions that name a group reach the group's reconciler. */
  static InformerEventSource<ReleaseAction, ReleaseGroup> groupEventSource(
      EventSourceContext<ReleaseGroup> context) {
    return eventSource(context, ReleaseGroup.class, ReleaseActionSpec::group);
  }

  /** Actions still waiting for an outcome wake the one they name through {@code addressee}. */
  private static <P extends HasMetadata> InformerEventSource<ReleaseAction, P> eventSource(
      EventSourceContext<P> context,
      Class<P> primary,
      Function<ReleaseActionSpec, String> addressee) {
    var configuration =
        InformerEventSourceConfiguration.from(ReleaseAction.class, primary)
            .withName(EVENT_SOURCE)
            .withNamespacesInheritedFromController()
            .withOnAddFilter(ReleaseActions::waiting)
            .withOnUpdateFilter((updated, old) -> waiting(updated))
            .withSecondaryToPrimaryMapper(
                action -> {
                  String name = addressee.apply(action.getSpec());
                  return name == null
                      ? Set.<ResourceID>of()
                      : Set.of(new ResourceID(name, action.getMetadata().getNamespace()));
                })
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  static boolean waiting(ReleaseAction action) {
    return action.getStatus() == null || action.getStatus().outcome() == null;
  }

  /** The target's actions without an outcome, oldest first. */
  static List<PendingAction> pending(Context<?> context) {
    return context
        .getSecondaryResourcesAsStream(ReleaseAction.class)
        .filter(ReleaseActions::waiting)
        .filter(a -> a.getMetadata().getDeletionTimestamp() == null)
        .sorted(
            Comparator.comparing((ReleaseAction a) -> a.getMetadata().getCreationTimestamp())
                .thenComparing(a -> a.getMetadata().getName()))
        .map(
            a ->
                new PendingAction(a.getMetadata().getName(), a.getMetadata().getUid(), a.getSpec()))
        .toList();
  }

  /** Writes the outcome into the action's status; returns false if the action is gone. */
  static boolean report(ActionOutcome outcome, Context<?> context, Instant now) {
    boolean written =
        StatusPatch.apply(
                context.getClient(),
                context.getControllerConfiguration().fieldManager(),
                ReleaseAction::new,
                context.getPrimaryResource().getMetadata().getNamespace(),
                outcome.action().name(),
                null,
                new ReleaseActionStatus(
                    outcome.applied() ? ReleaseActionStatus.APPLIED : ReleaseActionStatus.REJECTED,
                    outcome.message(),
                    outcome.revision(),
                    now.toString()))
            .isPresent();
    if (!written) {
      LOG.info(
          "release action {} was deleted before its outcome was written", outcome.action().name());
    }
    return written;
  }

  static Transition transition(ActionOutcome outcome) {
    var spec = outcome.action().spec();
    String what = spec.action().name() + (spec.weight() != null ? " " + spec.weight() + "%" : "");
    return new Transition(
        !outcome.applied(),
        outcome.applied() ? "ReleaseActionApplied" : "ReleaseActionRejected",
        spec.requestedBy()
            + ": "
            + what
            + (spec.reason() != null ? " (" + spec.reason() + ")" : "")
            + ": "
            + outcome.message());
  }
}
