package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** A single child object of a Microservice, named like it and controlled by it. */
abstract class MicroserviceChild<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Microservice> {

  MicroserviceChild(Class<R> kind) {
    super(kind);
  }

  /** Found by name, without building the desired object (which may not apply any more). */
  @Override
  protected ResourceID targetSecondaryResourceID(Microservice primary, Context<Microservice> context) {
    return ResourceID.fromResource(primary);
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, Microservice primary) {
    Ownership.controlledBy(desired, primary);
  }
}
