package dev.gantry.operator.rollout;

/**
 * What runs of one revision, read from its Deployment.
 *
 * @param replicas replicas the Deployment asks for
 * @param readyReplicas pods Ready now
 * @param settled the Deployment controller has acted on the latest spec and every pod runs it
 * @param progressDeadlineExceeded the Deployment reports it could not make progress in time
 */
public record RevisionObservation(
    String revision,
    int replicas,
    int readyReplicas,
    boolean settled,
    boolean progressDeadlineExceeded) {

  /** All {@code wanted} replicas are asked for and Ready. */
  public boolean readyAt(int wanted) {
    return settled && replicas == wanted && readyReplicas >= wanted;
  }
}
