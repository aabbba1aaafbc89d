package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.Deployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.Map;

/**
 * One Deployment per revision the rollout keeps, at the size it decided. The spec's revision is
 * rendered from the spec; older ones keep their template and are only scaled. Deployments of
 * revisions the rollout no longer keeps are deleted.
 */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class DeploymentDependent extends MicroserviceChildren<Deployment> {

  public static final String NAME = "deployments";

  public DeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  public Map<ResourceID, Deployment> desiredResources(
      Microservice ms, Context<Microservice> context) {
    var state = ReconcileState.of(context);
    Map<ResourceID, Deployment> desired = new HashMap<>();
    state
        .plan()
        .replicas()
        .forEach(
            (revision, replicas) -> {
              Deployment deployment;
              if (revision.equals(state.plan().revision())) {
                deployment = Deployments.desired(ms, state.platform(), revision, replicas);
              } else if (state.deployments().containsKey(revision)) {
                deployment = Deployments.retained(state.deployments().get(revision), replicas);
              } else {
                return;
              }
              desired.put(ResourceID.fromResource(deployment), deployment);
            });
    return desired;
  }
}
