package dev.gantry.operator.rollout;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.rollout.Position.Mode;

/**
 * A canary analysis check taken into account: the counts of failed and of inconclusive-in-a-row
 * checks go on; more than {@code failureLimit} failures abort the rollout at once, more than {@code
 * inconclusiveLimit} inconclusive checks pause it (or abort it, by policy). A check of another
 * revision counts for nothing.
 */
final class AnalysisJudgement {

  private AnalysisJudgement() {}

  static Decision judge(Decision d, Facts facts) {
    Check check = facts.in().check();
    Analysis settings = facts.analysis();
    Position p = d.position();
    if (check == null
        || settings == null
        || p.canary() == null
        || !p.canaryRevision().equals(check.revision())) {
      return d;
    }
    AnalysisStatus last = p.analysis();
    boolean same = last != null && p.canaryRevision().equals(last.revision());
    int failed = same && last.failedChecks() != null ? last.failedChecks() : 0;
    int inconclusive = same && last.inconclusiveChecks() != null ? last.inconclusiveChecks() : 0;
    switch (check.verdict()) {
      case Fail -> failed++;
      case Inconclusive -> inconclusive++;
      case Pass -> inconclusive = 0;
      default -> throw new IllegalStateException("unknown verdict " + check.verdict());
    }
    Integer passedAt =
        check.verdict() == Check.Verdict.Pass
            ? Integer.valueOf(check.weight())
            : same ? last.passedAtWeight() : null;
    AnalysisStatus judged =
        new AnalysisStatus(
            check.at().toString(),
            check.verdict().name(),
            check.revision(),
            check.weight(),
            failed,
            inconclusive,
            passedAt,
            check.measurements());
    d = d.at(p.withAnalysis(judged));
    if (failed > settings.failureLimit()) {
      return abort(
          d,
          facts,
          failed + " failed checks (limit " + settings.failureLimit() + "): " + check.summary());
    }
    if (inconclusive > settings.inconclusiveLimit()) {
      String why = inconclusive + " inconclusive checks in a row: " + check.summary();
      if (settings.onInconclusive() == Analysis.InconclusivePolicy.Abort) {
        return abort(d, facts, why);
      }
      AnalysisStatus counted =
          new AnalysisStatus(
              judged.checkedAt(),
              judged.verdict(),
              judged.revision(),
              judged.weight(),
              failed,
              0,
              judged.passedAtWeight(),
              judged.measurements());
      return d.at(d.position().withAnalysis(counted).withCanary(p.canary().in(Mode.PAUSED)))
          .says(new StatusText.PausedByAnalysis(p.canaryRevision(), why));
    }
    return d;
  }

  /**
   * All traffic back to stable at once; the canary held back until the spec changes or a Resume.
   */
  private static Decision abort(Decision d, Facts facts, String why) {
    Position p = d.position();
    String aborted = p.canaryRevision();
    d = Promotion.retire(d.at(p.withHeld(aborted)), facts, aborted);
    return d.at(d.position().withCanary(null))
        .says(new StatusText.AbortedByAnalysis(aborted, why, p.stable()));
  }
}
