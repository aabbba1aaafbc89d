package dev.gantry.operator.rollout;

import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupStatus;
import dev.gantry.operator.tenancy.SpecReview;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a member's release group tells it to do now, read from the group's status: its rollout is
 * driven by the group, not by its own {@code rollout} block.
 *
 * @param group the group's name
 * @param kind one of {@link MemberRelease}'s directives
 * @param candidate the revision the group releases for the member
 * @param weight the canary weight the group gives it
 * @param undoTo the revision an {@code Undo} goes back to
 * @param why what the group waits for, said to a member whose new revision waits
 * @param analysis the group's analysis, judged on the member's canary
 */
public record GroupDirective(
    String group,
    String kind,
    String candidate,
    int weight,
    String undoTo,
    String why,
    Analysis analysis) {

  /** What {@code group} tells {@code member}. */
  public static GroupDirective of(ReleaseGroup group, String member) {
    ReleaseGroupStatus status =
        Objects.requireNonNullElse(group.getStatus(), ReleaseGroupStatus.EMPTY);
    Optional<MemberRelease> entry = status.member(member);
    String kind = entry.map(MemberRelease::directive).orElse(MemberRelease.NONE);
    return new GroupDirective(
        group.getMetadata().getName(),
        kind == null ? MemberRelease.NONE : kind,
        entry.map(MemberRelease::candidateRevision).orElse(null),
        entry.map(MemberRelease::weight).orElse(0),
        entry.map(MemberRelease::previousRevision).orElse(null),
        status.message() == null || kind == null || MemberRelease.NONE.equals(kind)
            ? "the group has not taken it into a release yet"
            : status.message(),
        group.getSpec().analysis());
  }

  /** The same, with the group's analysis no more frequent than {@code minimum}. */
  public GroupDirective pacedTo(Duration minimum) {
    return new GroupDirective(
        group, kind, candidate, weight, undoTo, why, SpecReview.paced(analysis, minimum));
  }
}
