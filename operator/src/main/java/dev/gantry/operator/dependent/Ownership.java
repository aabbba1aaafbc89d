package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Every child is controlled by its Microservice: the garbage collector deletes it with its
 * owner, and tools show who manages it ("Controlled By" in {@code kubectl describe}).
 */
final class Ownership {

  private Ownership() {}

  static void controlledBy(HasMetadata child, Microservice owner) {
    OwnerReference reference = new OwnerReferenceBuilder()
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
}
