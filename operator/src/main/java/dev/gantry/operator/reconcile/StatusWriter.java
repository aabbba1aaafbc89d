package dev.gantry.operator.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the status of a controller's own resource (a Microservice's or a ReleaseGroup's: the
 * rollout's memory). The write carries the resourceVersion the decision was made on: if the
 * resource changed meanwhile, the write is refused and dropped, and the reconciler decides again
 * after {@link #DECIDE_AGAIN} — a status computed from stale input never lands, and a change that
 * starts no reconciliation of its own (a label, or a status-only update, which generation-aware
 * event processing ignores) cannot leave the decision unmade. A written status is cached at once,
 * so the next reconciliation starts from it even before the watch delivers it.
 */
final class StatusWriter {

  /** How soon a reconciler whose status write was refused decides again. */
  static final Duration DECIDE_AGAIN = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private StatusWriter() {}

  /**
   * @param kind makes an empty object of the resource's kind
   * @return whether the status was written
   */
  static <S, R extends CustomResource<?, S>> boolean write(
      R resource, S status, Supplier<R> kind, Context<R> context) {
    Optional<R> updated =
        StatusPatch.apply(
            context.getClient(),
            context.getControllerConfiguration().fieldManager(),
            kind,
            resource.getMetadata().getNamespace(),
            resource.getMetadata().getName(),
            resource.getMetadata().getResourceVersion(),
            status);
    if (updated.isEmpty()) {
      LOG.debug(
          "{} {}/{} changed while reconciling; deciding again",
          resource.getKind(),
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName());
      return false;
    }
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(resource), updated.get(), resource);
    return true;
  }
}
