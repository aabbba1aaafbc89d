package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a Microservice's status, the rollout's memory. The write carries the resourceVersion
 * the decision was made on: if the Microservice changed meanwhile, the write is refused and
 * dropped, and the change's own reconciliation decides again — a status computed from stale
 * input never lands. A written status is cached at once, so the next reconciliation starts
 * from it even before the watch delivers it.
 */
final class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private StatusWriter() {}

  /** Returns whether the status was written. */
  static boolean write(Microservice ms, MicroserviceStatus status, Context<Microservice> context) {
    Microservice patch = new Microservice();
    patch.setMetadata(new ObjectMetaBuilder()
        .withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace())
        .withResourceVersion(ms.getMetadata().getResourceVersion())
        .build());
    patch.setStatus(status);
    try {
      Microservice updated = context.getClient().resource(patch).subresource("status").patch(
          new PatchContext.Builder()
              .withPatchType(PatchType.SERVER_SIDE_APPLY)
              .withFieldManager(context.getControllerConfiguration().fieldManager())
              .withForce(true)
              .build());
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(ms), updated, ms);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        LOG.debug("{}/{} changed while reconciling; deciding again", ms.getMetadata().getNamespace(),
            ms.getMetadata().getName());
        return false;
      }
      throw e;
    }
  }
}
