package dev.gantry.operator.rollout;

import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.Rollout.Strategy;
import dev.gantry.operator.rollout.Position.CanaryRun;
import dev.gantry.operator.rollout.Position.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a release manager's action does to a rollout, or why it is refused. Every action is recorded
 * in the history with its outcome; one found there already (the operator stopped between applying
 * it and answering) is answered as it was, never applied twice.
 */
final class ActionRules {

  private static final String NO_ROLLOUT = "no rollout is in progress";

  private ActionRules() {}

  static Decision apply(Decision d, Facts facts) {
    for (PendingAction action : facts.in().actions()) {
      Optional<HistoryEntry> done =
          d.position().history().stream()
              .filter(h -> action.uid().equals(h.actionUid()))
              .findFirst();
      if (done.isPresent()) {
        HistoryEntry entry = done.get();
        d =
            d.told(
                new ActionOutcome(
                    action, "Applied".equals(entry.outcome()), entry.message(), entry.revision()));
        continue;
      }
      GroupDirective group = facts.in().group();
      if (group != null
          && action.spec().action() == ReleaseActionSpec.Action.AcceptBreakingChange) {
        // The API gate holds this member's own revision: only its release manager lets it through.
        d = apply(d, facts, action);
        continue;
      }
      if (group != null) {
        String subject =
            d.position().canary() != null ? d.position().canaryRevision() : d.position().stable();
        d =
            reject(
                d,
                facts,
                action,
                "released by release group "
                    + group.group()
                    + ": act on the group (kubectl gantry "
                    + command(action.spec().action())
                    + " group/"
                    + group.group()
                    + ")",
                subject);
        continue;
      }
      d = SpecChanges.follow(apply(d, facts, action), facts);
    }
    return d;
  }

  private static Decision apply(Decision d, Facts facts, PendingAction action) {
    ReleaseActionSpec a = action.spec();
    Position p = d.position();
    CanaryRun canary = p.canary();
    String subject = canary != null ? canary.revision() : p.stable();
    boolean rolling = canary != null && p.held() == null;
    return switch (a.action()) {
      case SetWeight -> {
        if (facts.strategy() != Strategy.Canary) {
          yield reject(
              d,
              facts,
              action,
              "SetWeight needs the Canary strategy; "
                  + facts.strategy()
                  + " switches all traffic at once (use Promote)",
              subject);
        } else if (!rolling) {
          yield reject(d, facts, action, noRollout(p), subject);
        } else if (canary.promoting()) {
          yield reject(
              d, facts, action, "revision " + canary.revision() + " is being promoted", subject);
        }
        yield accept(
            d.at(p.withCanary(canary.in(new Mode.HeldAt(a.weight())))),
            facts,
            action,
            "weight "
                + a.weight()
                + "% for revision "
                + canary.revision()
                + ", held until the next action or promotion",
            canary.revision());
      }
      case Promote -> {
        if (!rolling) {
          yield reject(d, facts, action, noRollout(p), subject);
        } else if (facts.strategy() == Strategy.Canary && !canary.promoting()) {
          CanaryRun next = canary.in(Mode.WALKING);
          List<CanaryStep> steps = facts.steps();
          if (next.step() < steps.size() && steps.get(next.step()).pause() != null) {
            next = next.at(next.step() + 1, facts.now());
          }
          if (next.step() >= steps.size()) {
            next = next.in(Mode.PROMOTING);
          }
          yield accept(
              d.at(p.withCanary(next)),
              facts,
              action,
              next.promoting()
                  ? "promoting revision " + canary.revision()
                  : "revision " + canary.revision() + " moves on to step " + next.step(),
              canary.revision());
        }
        yield accept(
            d.at(p.withCanary(canary.in(Mode.PROMOTING))),
            facts,
            action,
            "promoting revision " + canary.revision(),
            canary.revision());
      }
      case PromoteFull -> {
        if (!rolling) {
          yield reject(d, facts, action, noRollout(p), subject);
        }
        yield accept(
            d.at(p.withCanary(canary.in(Mode.PROMOTING))),
            facts,
            action,
            "promoting revision " + canary.revision() + " at once, skipping the remaining steps",
            canary.revision());
      }
      case Abort -> {
        if (!rolling && p.queuedSince() != null) {
          String queued = facts.in().revision();
          yield accept(
              d.at(p.withHeld(queued).withQueuedSince(null))
                  .says(new StatusText.AbortedBy(queued, a.requestedBy(), p.stable())),
              facts,
              action,
              "aborted revision "
                  + queued
                  + " before it started (it waited for a rollout slot); revision "
                  + p.stable()
                  + " serves",
              queued);
        } else if (!rolling) {
          yield reject(
              d,
              facts,
              action,
              p.held() != null ? "revision " + p.held() + " is already held back" : noRollout(p),
              subject);
        }
        String aborted = canary.revision();
        Decision held = Promotion.retire(d.at(p.withHeld(aborted)), facts, aborted);
        held =
            held.at(held.position().withCanary(null))
                .says(new StatusText.AbortedBy(aborted, a.requestedBy(), p.stable()));
        yield accept(
            held,
            facts,
            action,
            "aborted revision " + aborted + "; all traffic is back on revision " + p.stable(),
            aborted);
      }
      case Pause -> {
        if (!rolling) {
          yield reject(d, facts, action, noRollout(p), subject);
        } else if (canary.promoting()) {
          yield reject(
              d, facts, action, "revision " + canary.revision() + " is being promoted", subject);
        }
        CanaryRun paused = canary.paused() ? canary : canary.in(Mode.PAUSED);
        yield accept(
            d.at(p.withCanary(paused)),
            facts,
            action,
            "paused revision "
                + canary.revision()
                + " at step "
                + canary.step()
                + " with weight "
                + canary.weight()
                + "%",
            canary.revision());
      }
      case Resume -> resume(d, facts, action, subject);
      case AcceptBreakingChange -> {
        if (!rolling) {
          yield reject(d, facts, action, noRollout(p), subject);
        } else if (canary.accepted()) {
          yield reject(
              d,
              facts,
              action,
              "revision "
                  + canary.revision()
                  + " was let through the API-compatibility gate already",
              subject);
        } else if (!facts.gateHolds(canary)) {
          yield reject(
              d,
              facts,
              action,
              "the API-compatibility gate does not hold revision " + canary.revision(),
              subject);
        }
        yield accept(
            d.at(p.withCanary(canary.acceptingBreakingChange())),
            facts,
            action,
            "revision "
                + canary.revision()
                + " goes through the API-compatibility gate despite its "
                + ("Unknown".equals(facts.in().api().verdict())
                    ? "unjudged contract"
                    : "breaking changes")
                + ", accepted by "
                + a.requestedBy(),
            canary.revision());
      }
      case Undo -> {
        if (canary != null) {
          yield reject(
              d,
              facts,
              action,
              "revision " + canary.revision() + " is being rolled out; abort it instead",
              canary.revision());
        } else if (p.held() != null) {
          yield reject(
              d,
              facts,
              action,
              "revision " + p.held() + " is already held back; resume it or change the spec",
              p.stable());
        } else if (p.queuedSince() != null) {
          yield reject(d, facts, action, noRollout(p) + "; abort it before going back", p.stable());
        } else if (p.previous() == null) {
          yield reject(d, facts, action, "there is no previous revision to go back to", p.stable());
        }
        Position back = Promotion.start(p.withHeld(p.stable()), p.previous(), true, facts.now());
        yield accept(
            d.at(back),
            facts,
            action,
            "going back to revision "
                + p.previous()
                + "; revision "
                + p.stable()
                + " is held back until the spec changes or a Resume",
            p.previous());
      }
    };
  }

  private static Decision resume(Decision d, Facts facts, PendingAction action, String subject) {
    Position p = d.position();
    CanaryRun canary = p.canary();
    if (p.held() != null) {
      String released = p.held();
      if (canary != null) {
        d = Promotion.retire(d, facts, canary.revision());
        d = d.at(d.position().withCanary(null));
      }
      return accept(
          d.at(d.position().withHeld(null)),
          facts,
          action,
          "revision " + released + " is no longer held back; the rollout starts again",
          released);
    }
    if (canary != null && (canary.paused() || atIndefinitePause(facts, canary))) {
      CanaryRun resumed =
          canary.paused()
              ? canary.in(Mode.WALKING)
              : canary.at(canary.step() + 1, facts.now()).in(Mode.WALKING);
      return accept(
          d.at(p.withCanary(resumed)),
          facts,
          action,
          "revision " + canary.revision() + " resumes at step " + resumed.step(),
          canary.revision());
    }
    return reject(
        d,
        facts,
        action,
        canary == null ? noRollout(p) : "revision " + canary.revision() + " is not paused",
        subject);
  }

  /** The {@code kubectl gantry} command that makes {@code action}. */
  private static String command(ReleaseActionSpec.Action action) {
    return switch (action) {
      case SetWeight -> "set-weight";
      case PromoteFull -> "promote --full";
      case AcceptBreakingChange -> "accept-breaking-change";
      default -> action.name().toLowerCase(Locale.ROOT);
    };
  }

  /** Why there is nothing to act on: no rollout, or one that waits for a slot. */
  private static String noRollout(Position p) {
    return p.queuedSince() != null
        ? "the spec's new revision waits for a rollout slot (phase Queued) and has not started"
        : NO_ROLLOUT;
  }

  private static boolean atIndefinitePause(Facts facts, CanaryRun canary) {
    return facts.strategy() == Strategy.Canary
        && !canary.promoting()
        && CanarySteps.waitsForHuman(facts.steps(), canary.step());
  }

  private static Decision accept(
      Decision d, Facts facts, PendingAction action, String text, String revision) {
    return record(d, facts, action, true, text, revision);
  }

  static Decision reject(
      Decision d, Facts facts, PendingAction action, String text, String revision) {
    return record(d, facts, action, false, text, revision);
  }

  private static Decision record(
      Decision d,
      Facts facts,
      PendingAction action,
      boolean applied,
      String text,
      String revision) {
    List<HistoryEntry> history =
        recorded(d.position().history(), action, facts.now(), applied, text, revision);
    return d.at(d.position().withHistory(history))
        .told(new ActionOutcome(action, applied, text, revision));
  }

  /**
   * {@code history} with the outcome of {@code action} appended, the oldest entries dropped beyond
   * {@link MicroserviceStatus#HISTORY_LIMIT}: a Microservice's history and a release group's alike.
   */
  static List<HistoryEntry> recorded(
      List<HistoryEntry> history,
      PendingAction action,
      Instant now,
      boolean applied,
      String text,
      String revision) {
    ReleaseActionSpec a = action.spec();
    List<HistoryEntry> out = new ArrayList<>(history);
    out.add(
        new HistoryEntry(
            now.toString(),
            a.requestedBy(),
            a.action().name(),
            a.weight(),
            a.reason(),
            applied ? "Applied" : "Rejected",
            text,
            revision,
            action.name(),
            action.uid()));
    while (out.size() > MicroserviceStatus.HISTORY_LIMIT) {
      out.remove(0);
    }
    return out;
  }
}
