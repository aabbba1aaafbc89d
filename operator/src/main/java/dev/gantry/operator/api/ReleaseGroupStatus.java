package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * A release group's state: its release's memory, so a restarted operator continues exactly where it
 * stopped.
 *
 * @param release the number of the current (or last) release; each gathering starts a new one
 * @param stage where the release is: {@code Idle}, {@code Gathering}, {@code Queued}, {@code
 *     Stepping}, {@code Promoting}, {@code Aborted}, {@code Undoing}
 * @param currentStepIndex the step the changed members are at
 * @param weight the step's weight
 * @param order how many provider-first orders have reached the step's weight (or been promoted)
 * @param releasing the changed members, comma-separated, for {@code kubectl get rg}
 * @param gatherUntil when the gathering ends
 * @param stepStartedAt when the current step began (timed pauses)
 * @param paused held by a release manager or an indefinite pause step
 * @param queuedSince when the release began to wait for a rollout slot
 * @param queuePosition its place in the queue for a slot while {@code Queued}
 * @param members every member, with what the group tells it
 * @param history recent release actions on the group, newest last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseGroupStatus(
    GroupPhase phase,
    Long observedGeneration,
    Integer release,
    String stage,
    Integer currentStepIndex,
    Integer weight,
    Integer order,
    String releasing,
    String gatherUntil,
    String stepStartedAt,
    Boolean paused,
    String queuedSince,
    Integer queuePosition,
    List<MemberRelease> members,
    String message,
    List<Condition> conditions,
    List<HistoryEntry> history) {

  public static final ReleaseGroupStatus EMPTY =
      new ReleaseGroupStatus(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null);

  public ReleaseGroupStatus {
    members = members == null ? List.of() : List.copyOf(members);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** The member's entry, if the group lists it. */
  public java.util.Optional<MemberRelease> member(String name) {
    return members.stream().filter(m -> name.equals(m.name())).findFirst();
  }
}
