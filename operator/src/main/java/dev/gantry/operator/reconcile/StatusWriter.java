package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a Microservice's status, the rollout's memory. The write carries the resourceVersion the
 * decision was made on: if the Microservice changed meanwhile, the write is refused and dropped,
 * and the change's own reconciliation decides again — a status computed from stale input never
 * lands. A written status is cached at once, so the next reconciliation starts from it even before
 * the watch delivers it.
 */
final class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private StatusWriter() {}

  /** Returns whether the status was written. */
  static boolean write(Microservice ms, MicroserviceStatus status, Context<Microservice> context) {
    Optional<Microservice> updated =
        StatusPatch.apply(
            context.getClient(),
            context.getControllerConfiguration().fieldManager(),
            Microservice::new,
            ms.getMetadata().getNamespace(),
            ms.getMetadata().getName(),
            ms.getMetadata().getResourceVersion(),
            status);
    if (updated.isEmpty()) {
      LOG.debug(
          "{}/{} changed while reconciling; deciding again",
          ms.getMetadata().getNamespace(),
          ms.getMetadata().getName());
      return false;
    }
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(ms), updated.get(), ms);
    return true;
  }
}
