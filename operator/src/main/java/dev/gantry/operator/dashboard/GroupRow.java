package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupStatus;
import java.util.List;
import java.util.Locale;

/** One ReleaseGroup as a line of the release list: its stage and every member's place in it. */
public record GroupRow(
    String namespace,
    String name,
    String phase,
    String stage,
    Integer weight,
    int stepsDone,
    int stepsTotal,
    Integer queuePosition,
    boolean paused,
    List<Member> members,
    String message) {

  /** A member, its phase and its weight in the group's release. */
  public record Member(String name, String phase, Integer weight) {}

  public static GroupRow of(ReleaseGroup group) {
    ReleaseGroupStatus s = group.getStatus() == null ? ReleaseGroupStatus.EMPTY : group.getStatus();
    int total =
        group.getSpec() == null || group.getSpec().steps() == null
            ? 0
            : group.getSpec().steps().size();
    List<MemberRelease> members = s.members() == null ? List.of() : s.members();
    return new GroupRow(
        group.getMetadata().getNamespace(),
        group.getMetadata().getName(),
        s.phase() == null ? "Pending" : s.phase().name(),
        s.stage() == null ? "Idle" : s.stage(),
        s.weight(),
        Math.min(ServiceRow.value(s.currentStepIndex()), total),
        total,
        s.queuePosition(),
        Boolean.TRUE.equals(s.paused()),
        members.stream().map(m -> new Member(m.name(), m.phase(), m.weight())).toList(),
        s.message());
  }

  public String id() {
    return "group." + namespace + "." + name;
  }

  public String phaseClass() {
    return "phase-" + phase.toLowerCase(Locale.ROOT);
  }
}
