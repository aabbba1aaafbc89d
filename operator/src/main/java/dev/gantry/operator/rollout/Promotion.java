package dev.gantry.operator.rollout;

import dev.gantry.operator.api.Rollout.Strategy;
import dev.gantry.operator.rollout.Position.CanaryRun;
import dev.gantry.operator.rollout.Position.Lingering;
import dev.gantry.operator.rollout.Position.Mode;
import java.time.Duration;
import java.time.Instant;

/**
 * How revisions come and go: a canary starts at no traffic and the first step; promotion moves the
 * stable subset to the canary's pods (nothing is rolled again); a revision that stops serving keeps
 * running for its scale-down delay, then stays at zero replicas for an undo.
 */
final class Promotion {

  private Promotion() {}

  /**
   * A canary of {@code revision} at weight 0 and the first step; {@code promote}: switch once it is
   * ready.
   */
  static Position start(Position position, String revision, boolean promote, Instant now) {
    return position.withCanary(
        new CanaryRun(revision, 0, 0, now, promote ? Mode.PROMOTING : Mode.WALKING, false));
  }

  /** The canary at full size; stable once all its replicas are Ready. */
  static Decision whenReady(Decision d, Facts facts) {
    CanaryRun canary = d.canary();
    d = d.canaryAt(facts.size());
    if (facts.readyAt(canary.revision(), facts.size())) {
      return promote(d, facts);
    }
    String stable = d.position().stable();
    if (facts.deadlineExceeded(canary.revision())) {
      return d.says(
          new StatusText.NotReadyInTime(
              canary.revision(), facts.ready(canary.revision()), facts.size(), stable));
    }
    return d.says(
        new StatusText.RollingOut(
            canary.revision(),
            d.position().held() != null,
            facts.ready(canary.revision()),
            facts.size(),
            stable));
  }

  /** The canary becomes stable; the revision it replaces is retired. */
  static Decision promote(Decision d, Facts facts) {
    Position p = d.position();
    String replaced = p.stable();
    String stable = p.canaryRevision();
    d = retire(d.at(p.withStable(stable).withPrevious(replaced).withCanary(null)), facts, replaced);
    String held = d.position().held();
    return d.says(
        held != null
            ? new StatusText.WentBack(stable, held)
            : new StatusText.Replaced(stable, replaced, facts.ready(stable), facts.size()));
  }

  /**
   * A revision that stops serving keeps running for the scale-down delay, then goes to zero; only
   * the most recent one lingers. Without a mesh the Service would still send it requests while it
   * runs, so it goes at once (blue-green's selector excepted).
   */
  static Decision retire(Decision d, Facts facts, String revision) {
    if (revision == null) {
      return d;
    }
    int delay =
        !facts.mesh() && facts.strategy() != Strategy.BlueGreen ? 0 : facts.scaleDownDelaySeconds();
    Position p = d.position();
    if (p.lingering() != null && !p.lingering().revision().equals(revision)) {
      p = p.withLingering(null);
    }
    if (delay > 0 && facts.runs(revision)) {
      return d.at(p.withLingering(new Lingering(revision, facts.now().plusSeconds(delay))))
          .requeueIn(Duration.ofSeconds(delay));
    }
    return d.at(p);
  }

  /** A lingering revision whose delay is over goes to zero. */
  static Decision expireLingering(Decision d, Facts facts) {
    Lingering lingering = d.position().lingering();
    return lingering != null && !facts.now().isBefore(lingering.until())
        ? d.at(d.position().withLingering(null))
        : d;
  }
}
