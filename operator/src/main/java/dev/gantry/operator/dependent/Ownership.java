package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every child is controlled by its Microservice: the garbage collector deletes it with its owner,
 * and tools show who manages it ("Controlled By" in {@code kubectl describe}). Gantry writes only
 * objects it controls: a name already taken by someone else's object is an error ({@link
 * NameInUseException}), never an adoption.
 */
final class Ownership {

  private Ownership() {}

  static void controlledBy(HasMetadata child, Microservice owner) {
    OwnerReference reference =
        new OwnerReferenceBuilder()
            .withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind())
            .withName(owner.getMetadata().getName())
            .withUid(owner.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    List<OwnerReference> references = new ArrayList<>();
    references.add(reference);
    child.getMetadata().setOwnerReferences(references);
  }

  /**
   * What to do when creating {@code desired} failed with {@code failure}. JOSDK creates only if
   * nothing of that name exists (server-side apply with resourceVersion 1), so a conflict means the
   * name is taken. Returns the existing object when {@code owner} controls it (it lost the label
   * Gantry's informers select by, and is updated like any other); throws {@link NameInUseException}
   * when it is somebody else's, and {@code failure} for anything else.
   */
  static <R extends HasMetadata> R existingOwnedBy(
      Microservice owner,
      R desired,
      KubernetesClientException failure,
      Context<Microservice> context) {
    if (failure.getCode() != HttpURLConnection.HTTP_CONFLICT) {
      throw failure;
    }
    R existing = context.getClient().resource(desired).get();
    if (existing == null) {
      throw failure;
    }
    Optional<OwnerReference> controller = controller(existing);
    if (!owner.getMetadata().getUid().equals(controller.map(OwnerReference::getUid).orElse(null))) {
      throw new NameInUseException(
          existing, controller.map(o -> o.getKind() + " " + o.getName()).orElse(null));
    }
    desired.getMetadata().setResourceVersion(null);
    return existing;
  }

  /** {@code object} is controlled by {@code owner}. */
  static boolean isControlledBy(HasMetadata object, Microservice owner) {
    return controller(object)
        .map(o -> o.getUid().equals(owner.getMetadata().getUid()))
        .orElse(false);
  }

  private static Optional<OwnerReference> controller(HasMetadata object) {
    List<OwnerReference> references = object.getMetadata().getOwnerReferences();
    return references == null
        ? Optional.empty()
        : references.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
  }
}
