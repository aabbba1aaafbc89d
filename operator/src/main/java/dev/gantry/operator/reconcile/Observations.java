package dev.gantry.operator.reconcile;

import dev.gantry.operator.render.Deployments;
import dev.gantry.operator.rollout.RevisionObservation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Reads a revision's state off its Deployment. */
final class Observations {

  private Observations() {}

  static Map<String, RevisionObservation> of(Map<String, Deployment> deployments) {
    return deployments.values().stream()
        .map(Observations::of)
        .collect(Collectors.toMap(RevisionObservation::revision, o -> o));
  }

  static RevisionObservation of(Deployment deployment) {
    int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    DeploymentStatus status = deployment.getStatus();
    if (status == null) {
      return new RevisionObservation(Deployments.revisionOf(deployment), replicas, 0, false, false);
    }
    long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
    boolean settled =
        Objects.requireNonNullElse(status.getObservedGeneration(), 0L) >= generation
            && Objects.requireNonNullElse(status.getUpdatedReplicas(), 0) == replicas
            && Objects.requireNonNullElse(status.getReplicas(), 0) == replicas;
    boolean deadlineExceeded =
        status.getConditions() != null
            && status.getConditions().stream()
                .anyMatch(
                    c ->
                        "Progressing".equals(c.getType())
                            && "False".equals(c.getStatus())
                            && "ProgressDeadlineExceeded".equals(c.getReason()));
    return new RevisionObservation(
        Deployments.revisionOf(deployment),
        replicas,
        Objects.requireNonNullElse(status.getReadyReplicas(), 0),
        settled,
        deadlineExceeded);
  }
}
