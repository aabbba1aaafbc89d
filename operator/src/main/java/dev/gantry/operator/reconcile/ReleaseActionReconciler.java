package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionStatus;
import dev.gantry.operator.api.ReleaseGroup;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the target's reconciler cannot do: reject an action whose target does not exist, and delete
 * actions whose outcome is older than their time to live, so they do not pile up.
 */
// Not generation-aware: the outcome arrives as a status write, which must wake this controller
// to schedule the action's deletion.
@ControllerConfiguration(
    name = ReleaseActionReconciler.NAME,
    generationAwareEventProcessing = false)
public class ReleaseActionReconciler implements Reconciler<ReleaseAction> {

  public static final String NAME = "releaseaction";

  private final Duration timeToLive;
  private final Clock clock;

  public ReleaseActionReconciler(Duration timeToLive, Clock clock) {
    this.timeToLive = timeToLive;
    this.clock = clock;
  }

  @Override
  public UpdateControl<ReleaseAction> reconcile(
      ReleaseAction action, Context<ReleaseAction> context) {
    String namespace = action.getMetadata().getNamespace();
    if (ReleaseActions.waiting(action)) {
      String group = action.getSpec().group();
      if (group != null) {
        if (context
                .getClient()
                .resources(ReleaseGroup.class)
                .inNamespace(namespace)
                .withName(group)
                .get()
            == null) {
          reject(
              action,
              "unknown group: there is no ReleaseGroup " + group + " in namespace " + namespace,
              context);
        }
        return UpdateControl.noUpdate();
      }
      String target = action.getSpec().target();
      if (context
              .getClient()
              .resources(Microservice.class)
              .inNamespace(namespace)
              .withName(target)
              .get()
          == null) {
        reject(
            action,
            "unknown target: there is no Microservice " + target + " in namespace " + namespace,
            context);
      }
      return UpdateControl.noUpdate();
    }
    Instant processed = Instant.parse(action.getStatus().processedAt());
    Duration age = Duration.between(processed, clock.instant());
    if (age.compareTo(timeToLive) >= 0) {
      context.getClient().resource(action).delete();
      return UpdateControl.noUpdate();
    }
    return UpdateControl.<ReleaseAction>noUpdate().rescheduleAfter(timeToLive.minus(age));
  }

  private void reject(ReleaseAction action, String message, Context<ReleaseAction> context) {
    StatusPatch.apply(
        context.getClient(),
        context.getControllerConfiguration().fieldManager(),
        ReleaseAction::new,
        action.getMetadata().getNamespace(),
        action.getMetadata().getName(),
        action.getMetadata().getResourceVersion(),
        new ReleaseActionStatus(
            ReleaseActionStatus.REJECTED, message, null, clock.instant().toString()));
  }
}
