package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupStatus;
import java.time.Instant;
import java.util.List;

/**
 * The page of one ReleaseGroup: its stage and steps, each member's revisions and weight, and the
 * group's release history; a pure function of the group and what the user may do.
 */
public record GroupPage(
    GroupRow row,
    String gatherUntil,
    List<ServicePage.Step> steps,
    List<Member> members,
    List<ServicePage.Action> history,
    ServicePage.Controls controls) {

  /** A member: its phase, revisions, weight and what the group last told it. */
  public record Member(
      String name,
      String phase,
      String phaseClass,
      String stableRevision,
      String candidateRevision,
      Integer weight,
      String directive) {}

  public static GroupPage of(ReleaseGroup group, boolean allowed, Instant now) {
    ReleaseGroupStatus s = group.getStatus() == null ? ReleaseGroupStatus.EMPTY : group.getStatus();
    GroupRow row = GroupRow.of(group);
    boolean releasing = !"Idle".equals(row.stage());
    List<MemberRelease> released = s.members() == null ? List.of() : s.members();
    List<Member> members =
        group.getSpec().members().stream()
            .map(
                name ->
                    released.stream()
                        .filter(m -> name.equals(m.name()))
                        .findFirst()
                        .map(
                            m ->
                                new Member(
                                    name,
                                    m.phase() == null ? "Pending" : m.phase(),
                                    phaseClass(m.phase()),
                                    m.stableRevision(),
                                    m.candidateRevision(),
                                    m.weight(),
                                    m.directive()))
                        .orElse(
                            new Member(name, "Pending", phaseClass(null), null, null, null, null)))
            .toList();
    return new GroupPage(
        row,
        s.gatherUntil(),
        ServicePage.steps(
            group.getSpec().steps(), releasing, ServiceRow.value(s.currentStepIndex())),
        members,
        ServicePage.history(s.history(), now),
        new ServicePage.Controls(allowed));
  }

  private static String phaseClass(String phase) {
    return "phase-" + (phase == null ? "pending" : phase.toLowerCase(java.util.Locale.ROOT));
  }

  /** The page of this group, relative to the dashboard's root. */
  public String href() {
    return "groups/" + row.namespace() + "/" + row.name();
  }
}
