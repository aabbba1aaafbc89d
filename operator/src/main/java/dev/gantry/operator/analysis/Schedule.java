package dev.gantry.operator.analysis;

import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.api.MicroserviceStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * When the next check of a canary is due: one interval after the later of the last check and the
 * moment the canary's current weight began, so every measured window saw one weight only. Checks
 * run only while the canary receives traffic.
 */
public final class Schedule {

  private Schedule() {}

  public static Optional<Instant> nextCheck(Analysis analysis, MicroserviceStatus status) {
    if (analysis == null
        || status.canaryRevision() == null
        || status.canaryWeight() == null
        || status.canaryWeight() <= 0
        || status.rolloutState().heldRevision() != null) {
      return Optional.empty();
    }
    Instant since =
        status.rolloutState().stepStartedAt() == null
            ? Instant.EPOCH
            : Instant.parse(status.rolloutState().stepStartedAt());
    AnalysisStatus last = status.analysis();
    if (last != null
        && status.canaryRevision().equals(last.revision())
        && last.checkedAt() != null) {
      Instant checked = Instant.parse(last.checkedAt());
      since = checked.isAfter(since) ? checked : since;
    }
    return Optional.of(since.plus(Durations.parse(analysis.interval())));
  }
}
