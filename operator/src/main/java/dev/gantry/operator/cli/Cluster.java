package dev.gantry.operator.cli;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionStatus;
import dev.gantry.operator.api.ReleaseGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;

/**
 * What the hot commands (status and the actions) ask of the API server. {@link RestCluster} asks
 * with the JDK's HTTP client and Jackson, in a fraction of fabric8's start-up; {@link
 * Fabric8Cluster} asks through fabric8 for every kubeconfig the former does not understand.
 */
interface Cluster extends AutoCloseable {

  /** The namespace to work in: {@code -n}, else the context's, else {@code default}. */
  String namespace();

  /** The named object in {@link #namespace()}, or null when there is none. */
  <T extends HasMetadata> T get(Class<T> type, String name);

  /** Whether the named object exists in {@link #namespace()}; cheaper than reading it. */
  default boolean exists(Class<? extends HasMetadata> type, String name) {
    return get(type, name) != null;
  }

  /** Who the API server says we are: the name the admission policy checks requestedBy against. */
  String currentUser();

  ReleaseAction create(ReleaseAction action);

  /**
   * Waits for the operator's outcome of {@code created}; a one-line error after {@code timeout}.
   */
  ReleaseActionStatus awaitOutcome(ReleaseAction created, Duration timeout)
      throws InterruptedException;

  /**
   * Calls {@code changes} with every later version of {@code shown} until it is deleted (then
   * {@code deleted}) or the watch ends.
   */
  <T extends HasMetadata> void watch(
      Class<T> type, T shown, java.util.function.Consumer<T> changes, Runnable deleted)
      throws InterruptedException;

  @Override
  void close();

  default Microservice microservice(String name) {
    Microservice ms = get(Microservice.class, name);
    if (ms == null) {
      throw notFound(Microservice.class, name);
    }
    return ms;
  }

  default ReleaseGroup releaseGroup(String name) {
    ReleaseGroup group = get(ReleaseGroup.class, name);
    if (group == null) {
      throw notFound(ReleaseGroup.class, name);
    }
    return group;
  }

  /** The one-line error when what a command names is not there. */
  default GantryCli.CliException notFound(Class<? extends HasMetadata> type, String name) {
    String kind = type == ReleaseGroup.class ? "release group" : "microservice";
    return new GantryCli.CliException(kind + " " + name + " not found in namespace " + namespace());
  }

  /** fabric8's words for a wait that ran out, kept so scripts matching them still match. */
  static String timedOut(ReleaseAction action, Duration timeout) {
    return "Timed out waiting for ["
        + timeout.toMillis()
        + "] milliseconds for [ReleaseAction] with name:["
        + action.getMetadata().getName()
        + "] in namespace ["
        + action.getMetadata().getNamespace()
        + "].";
  }
}
