package dev.gantry.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way the operator writes a status: server-side apply of the status alone, as the
 * operator's field manager, owning every field it sets. With a resourceVersion the write lands only
 * on the object the decision was made on.
 */
final class StatusPatch {

  private StatusPatch() {}

  /**
   * @param kind makes an empty object of the resource's kind
   * @param resourceVersion the version the status was decided on, or null to write whatever the
   *     version
   * @return the object as written; empty when it changed meanwhile (conflict) or is gone
   */
  static <S, R extends CustomResource<?, S>> Optional<R> apply(
      KubernetesClient client,
      String fieldManager,
      Supplier<R> kind,
      String namespace,
      String name,
      String resourceVersion,
      S status) {
    R patch = kind.get();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withResourceVersion(resourceVersion)
            .build());
    patch.setStatus(status);
    try {
      return Optional.of(
          client
              .resource(patch)
              .subresource("status")
              .patch(
                  new PatchContext.Builder()
                      .withPatchType(PatchType.SERVER_SIDE_APPLY)
                      .withFieldManager(fieldManager)
                      .withForce(true)
                      .build()));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
