package dev.gantry.operator.rollout;

import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status is the rollout's memory; the cluster is its truth. When the status does not say which
 * revision serves — lost on a restore, edited, or naming a Deployment deleted by hand — the serving
 * revision is found in what Gantry wrote to the cluster, and the rollout goes on from there,
 * conservatively: the revision that serves keeps serving at full size, and the spec's revision, if
 * it is another one, starts its rollout again from the first step, at no traffic. Nothing is
 * promoted, and nothing that serves is scaled down, on a guess.
 *
 * <p>A status that knows what serves can still be one write behind the routes: a decision writes
 * the routes first and the status after, so an operator that dies (or whose status write is
 * refused) in between leaves the canary routed a higher weight than the status remembers. The
 * rollout then goes on from the routed weight — a pause decided next holds the traffic the canary
 * has, rather than taking it back first.
 */
public final class Recovery {

  static final String ACTION = "RebuildStatus";
  static final String OPERATOR = "gantry-operator";

  private Recovery() {}

  /**
   * What the cluster shows about routing, as Gantry wrote it.
   *
   * @param stableSubset the revision the DestinationRule's {@code stable} subset selects (with the
   *     mesh)
   * @param serviceRevision the revision the Service selects, when it selects only one (blue-green
   *     without the mesh)
   * @param canarySubset the revision the DestinationRule's {@code canary} subset selects (with the
   *     mesh)
   * @param canaryWeight the share of traffic the VirtualService gives the canary subset
   */
  public record Routed(
      String stableSubset, String serviceRevision, String canarySubset, int canaryWeight) {
    public static final Routed NOTHING = new Routed(null, null, null, 0);
  }

  /**
   * @param status the status to decide from
   * @param note what was rebuilt and from what, for the user; null when the status was trusted
   */
  public record Result(MicroserviceStatus status, String note) {}

  /**
   * Whether the status knows what serves; when it does not, the cluster has to be asked. A status
   * without a stable revision is right while the spec's revision is the only one that runs: that is
   * a first deployment, which becomes stable once it is ready, as it would anyway.
   */
  public static boolean trusted(
      MicroserviceStatus status, String specRevision, Map<String, RevisionObservation> observed) {
    if (status.stableRevision() != null) {
      return observed.containsKey(status.stableRevision()) || observed.isEmpty();
    }
    return observed.keySet().stream().allMatch(specRevision::equals);
  }

  public static Result recover(
      MicroserviceStatus status,
      String specRevision,
      Map<String, RevisionObservation> observed,
      Routed routed,
      Instant now) {
    if (trusted(status, specRevision, observed)) {
      return caughtUp(status, routed);
    }
    Optional<Serving> serving = serving(specRevision, observed, routed);
    if (serving.isEmpty()) {
      // Nothing is ready anywhere: there is no serving revision to protect; start as from nothing.
      return new Result(
          status.toBuilder()
              .stableRevision(null)
              .canaryRevision(null)
              .canaryWeight(null)
              .currentStepIndex(null)
              .rollout(null)
              .build(),
          null);
    }
    String stable = serving.get().revision();
    String previous =
        observed.values().stream()
            .map(RevisionObservation::revision)
            .filter(r -> !r.equals(stable) && !r.equals(specRevision))
            .max(
                Comparator.comparingInt((String r) -> observed.get(r).readyReplicas())
                    .thenComparing(r -> r))
            .orElse(null);
    String note =
        "the status did not say which revision serves (it was "
            + (status.stableRevision() == null
                ? "empty"
                : "naming revision " + status.stableRevision() + ", whose Deployment is gone")
            + "); rebuilt from the cluster: revision "
            + stable
            + " serves ("
            + serving.get().evidence()
            + ")"
            + (specRevision.equals(stable)
                ? ""
                : "; revision " + specRevision + " is rolled out again from its first step");
    List<HistoryEntry> history = new ArrayList<>(status.history());
    history.add(
        new HistoryEntry(
            now.toString(), OPERATOR, ACTION, null, null, "Applied", note, stable, null, null));
    while (history.size() > MicroserviceStatus.HISTORY_LIMIT) {
      history.remove(0);
    }
    MicroserviceStatus rebuilt =
        status.toBuilder()
            .stableRevision(stable)
            .previousRevision(previous)
            .canaryRevision(null)
            .canaryWeight(null)
            .currentStepIndex(null)
            .rollout(null)
            .analysis(null)
            .history(history)
            .build();
    return new Result(rebuilt, note);
  }

  /**
   * The status, with the canary's weight raised to what the routes give the same canary when the
   * write that recorded it was lost. A promotion (which routes all traffic to the canary on its way
   * to stable) is decided again from the status, as is any weight the routes give less.
   */
  private static Result caughtUp(MicroserviceStatus status, Routed routed) {
    int remembered = status.canaryWeight() == null ? 0 : status.canaryWeight();
    boolean behind =
        status.canaryRevision() != null
            && status.canaryRevision().equals(routed.canarySubset())
            && !status.rolloutState().isPromoting()
            && routed.canaryWeight() > remembered
            && routed.canaryWeight() < 100;
    if (!behind) {
      return new Result(status, null);
    }
    String note =
        "the status remembered "
            + remembered
            + "% of traffic for revision "
            + status.canaryRevision()
            + " but the routes give it "
            + routed.canaryWeight()
            + "% (the status write after the routes' was lost); the rollout goes on from "
            + routed.canaryWeight()
            + "%";
    return new Result(status.toBuilder().canaryWeight(routed.canaryWeight()).build(), note);
  }

  private record Serving(String revision, String evidence) {}

  /** The revision that serves, by the strongest evidence the cluster has. */
  private static Optional<Serving> serving(
      String specRevision, Map<String, RevisionObservation> observed, Routed routed) {
    if (routed.stableSubset() != null && observed.containsKey(routed.stableSubset())) {
      return Optional.of(
          new Serving(routed.stableSubset(), "the DestinationRule's stable subset selects it"));
    }
    if (routed.serviceRevision() != null && observed.containsKey(routed.serviceRevision())) {
      return Optional.of(new Serving(routed.serviceRevision(), "the Service selects it"));
    }
    // Without routing to go by: the revision with the most ready replicas, and rather an older
    // revision than the spec's, which is the newest intent and untested.
    return observed.values().stream()
        .filter(o -> o.readyReplicas() > 0)
        .max(
            Comparator.comparingInt(RevisionObservation::readyReplicas)
                .thenComparing(o -> !o.revision().equals(specRevision))
                .thenComparing(RevisionObservation::revision))
        .map(
            o -> new Serving(o.revision(), "it has the most ready replicas, " + o.readyReplicas()));
  }
}
