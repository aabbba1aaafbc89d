package dev.gantry.operator.rollout;

import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.rollout.Position.Mode;

/**
 * A Microservice released by its group: it starts, weighs, promotes, aborts and undoes its canary
 * as the group's status tells it ({@link GroupDirective}); its own {@code rollout} block does not
 * drive it. Whatever is under way when the group changes its mind is ended safely: a canary the
 * group no longer releases goes, a promotion under way finishes.
 */
final class GroupMember {

  private GroupMember() {}

  static Decision follow(Decision d, Facts facts) {
    GroupDirective g = facts.in().group();
    String wanted = facts.in().revision();
    d = d.at(d.position().withQueuedSince(null));
    return switch (g.kind()) {
      case MemberRelease.STEP ->
          wanted.equals(g.candidate()) ? step(d, facts, g) : waiting(d, facts, g, superseded(g));
      case MemberRelease.PROMOTE -> promote(d, facts, g);
      case MemberRelease.ABORT -> abort(d, facts, g);
      case MemberRelease.RETRY ->
          waiting(
              g.candidate().equals(d.position().held()) ? d.at(d.position().withHeld(null)) : d,
              facts,
              g,
              g.why());
      case MemberRelease.UNDO -> undo(d, facts, g);
      case MemberRelease.WAIT -> waiting(d, facts, g, g.why());
      default -> waiting(d, facts, g, g.why());
    };
  }

  private static String superseded(GroupDirective g) {
    return "its spec changed while the group releases revision "
        + g.candidate()
        + "; the group gathers again";
  }

  /**
   * Nothing of the spec's new revision runs until the group releases it. A promotion the group
   * started (or an undo's) finishes; a rollout of the member's own — begun before it joined the
   * group — ends, and the group releases that revision with the others.
   */
  private static Decision waiting(Decision d, Facts facts, GroupDirective g, String why) {
    Position p = d.position();
    if (p.canary() != null
        && p.canary().promoting()
        && (p.canaryRevision().equals(g.candidate()) || p.canaryRevision().equals(g.undoTo()))) {
      return Promotion.whenReady(d, facts);
    }
    if (p.canary() != null) {
      d = Promotion.retire(d, facts, p.canaryRevision());
      d = d.at(d.position().withCanary(null));
      p = d.position();
    }
    String wanted = facts.in().revision();
    if (wanted.equals(p.stable()) || wanted.equals(p.held())) {
      return d;
    }
    return d.says(new StatusText.WaitingForGroup(g.group(), wanted, p.stable(), why));
  }

  /** The candidate at the group's weight: capacity first, then traffic. */
  private static Decision step(Decision d, Facts facts, GroupDirective g) {
    Position p = d.position();
    if (g.candidate().equals(p.stable())) {
      return d;
    }
    if (g.candidate().equals(p.held())) {
      return d; // it aborted itself; the group aborts the others, and may retry all later
    }
    if (p.canary() == null || !p.canaryRevision().equals(g.candidate())) {
      if (p.canary() != null) {
        d = Promotion.retire(d.at(p), facts, p.canaryRevision());
        p = d.position();
      }
      p = Promotion.start(p, g.candidate(), false, facts.now()).withAnalysis(null);
    }
    d = AnalysisJudgement.judge(d.at(p.withCanary(p.canary().in(Mode.WALKING))), facts);
    if (d.canary() == null) {
      return d; // its analysis aborted it; the group sees the held revision and aborts the rest
    }
    d = CanarySteps.raiseWeight(d, facts, g.weight(), false);
    return d.canary().weight() == g.weight()
        ? d.says(new StatusText.GroupStep(g.group(), g.candidate(), g.weight()))
        : d;
  }

  private static Decision promote(Decision d, Facts facts, GroupDirective g) {
    Position p = d.position();
    if (g.candidate().equals(p.stable())) {
      return d;
    }
    if (p.canary() == null || !p.canaryRevision().equals(g.candidate())) {
      p = Promotion.start(p.withHeld(null), g.candidate(), true, facts.now());
    }
    return Promotion.whenReady(d.at(p.withCanary(p.canary().in(Mode.PROMOTING))), facts);
  }

  private static Decision abort(Decision d, Facts facts, GroupDirective g) {
    Position p = d.position();
    if (p.canary() != null && p.canaryRevision().equals(g.candidate())) {
      d = Promotion.retire(d.at(p.withHeld(g.candidate())), facts, g.candidate());
      return d.at(d.position().withCanary(null))
          .says(new StatusText.AbortedWithGroup(g.group(), g.candidate(), p.stable()));
    }
    if (facts.in().revision().equals(g.candidate()) && !g.candidate().equals(p.stable())) {
      d = d.at(p.withHeld(g.candidate()));
    }
    return waiting(d, facts, g, g.why());
  }

  /** Back to the revision before the group's last release; the spec's revision is held back. */
  private static Decision undo(Decision d, Facts facts, GroupDirective g) {
    Position p = d.position();
    if (g.undoTo() == null || g.undoTo().equals(p.stable())) {
      return d;
    }
    if (p.canary() == null || !p.canaryRevision().equals(g.undoTo())) {
      p = Promotion.start(p.withHeld(p.stable()), g.undoTo(), true, facts.now());
    }
    return Promotion.whenReady(d.at(p), facts);
  }
}
