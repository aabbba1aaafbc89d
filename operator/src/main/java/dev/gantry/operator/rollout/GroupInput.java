package dev.gantry.operator.rollout;

import dev.gantry.operator.api.ReleaseGroupSpec;
import dev.gantry.operator.api.ReleaseGroupStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a release group's decision depends on.
 *
 * @param members the members that exist, by name, as their statuses show them
 * @param elsewhere members that belong to an older group, with that group's name
 * @param actions release actions on the group waiting for an outcome, oldest first
 * @param slot whether the budgets of concurrent rollouts let the release start now
 */
public record GroupInput(
    String name,
    ReleaseGroupSpec spec,
    long generation,
    ReleaseGroupStatus status,
    Map<String, MemberView> members,
    Map<String, String> elsewhere,
    List<PendingAction> actions,
    Slot slot,
    Instant now) {

  public GroupInput {
    status = status == null ? ReleaseGroupStatus.EMPTY : status;
    members = Map.copyOf(members);
    elsewhere = Map.copyOf(elsewhere);
    actions = List.copyOf(actions);
    slot = slot == null ? Slot.OPEN : slot;
  }
}
