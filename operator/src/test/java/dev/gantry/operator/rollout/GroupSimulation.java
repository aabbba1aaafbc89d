package dev.gantry.operator.rollout;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupSpec;
import dev.gantry.operator.api.ReleaseGroupStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A release group and its members, each driven by the real pure planners the way the operator
 * drives them: the group decides from the members' statuses, each member from the group's status,
 * in turns, until nothing moves. Records, in order, every canary weight and every promotion the
 * members' routes carried.
 */
final class GroupSimulation {

  private final ReleaseGroupSpec spec;
  private final Map<String, RolloutSimulation> members = new LinkedHashMap<>();
  private final Map<String, String> elsewhere = new HashMap<>();
  private final List<PendingAction> pending = new ArrayList<>();
  private final List<ActionOutcome> outcomes = new ArrayList<>();
  private final List<String> trail = new ArrayList<>();
  private final Map<String, String> seen = new HashMap<>();
  private ReleaseGroupStatus status = ReleaseGroupStatus.EMPTY;
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private Slot slot = Slot.OPEN;
  private int actionCount;

  /** {@code members}: name → spec (its first revision is named "1"), in the order listed. */
  GroupSimulation(String groupYaml, Map<String, String> memberSpecs) {
    spec = Serialization.unmarshal(groupYaml, ReleaseGroupSpec.class);
    memberSpecs.forEach(
        (name, yaml) -> members.put(name, new RolloutSimulation(yaml, "1", true).settle()));
    settle();
  }

  GroupSimulation settle() {
    for (int round = 0; round < 200; round++) {
      ReleaseGroupStatus before = status;
      Map<String, MicroserviceStatus> memberBefore = new HashMap<>();
      members.forEach((n, m) -> memberBefore.put(n, m.status()));
      Map<String, MemberView> views = new HashMap<>();
      members.forEach((n, m) -> views.put(n, MemberView.of(microservice(n, m))));
      GroupPlan plan =
          GroupRollout.plan(
              new GroupInput("shop", spec, 1, status, views, elsewhere, pending, slot, now));
      pending.clear();
      outcomes.addAll(plan.outcomes());
      status = plan.status();
      ReleaseGroup group = group();
      members.forEach(
          (n, m) -> {
            m.group(GroupDirective.of(group, n));
            record(n, m.status());
          });
      boolean membersMoved =
          members.entrySet().stream()
              .anyMatch(e -> !e.getValue().status().equals(memberBefore.get(e.getKey())));
      if (status.equals(before) && !membersMoved) {
        return this;
      }
    }
    throw new AssertionError("the group did not settle: " + status);
  }

  private void record(String name, MicroserviceStatus s) {
    String now =
        s.canaryRevision() != null
            ? s.canaryRevision() + "@" + (s.canaryWeight() == null ? 0 : s.canaryWeight())
            : "stable " + s.stableRevision();
    if (!now.equals(seen.put(name, now))) {
      trail.add(name + " " + now);
    }
  }

  /** A member's spec changes to {@code yaml}, whose revision is {@code revision}. */
  GroupSimulation change(String member, String yaml, String revision) {
    members.get(member).deploy(yaml, revision);
    return settle();
  }

  GroupSimulation advance(Duration d) {
    now = now.plus(d);
    members.values().forEach(m -> m.advance(d));
    return settle();
  }

  GroupSimulation act(ReleaseActionSpec.Action action) {
    actionCount++;
    return replay(actionCount, action);
  }

  /** An action the group may have seen already (the operator stopped before answering it). */
  GroupSimulation replay(int number, ReleaseActionSpec.Action action) {
    pending.add(
        new PendingAction(
            "group-action-" + number,
            "group-uid-" + number,
            new ReleaseActionSpec(null, action, null, "test", "rita", "shop")));
    return settle();
  }

  GroupSimulation slot(Slot given) {
    slot = given;
    return settle();
  }

  GroupSimulation elsewhere(String member, String otherGroup) {
    elsewhere.put(member, otherGroup);
    return settle();
  }

  RolloutSimulation member(String name) {
    return members.get(name);
  }

  ReleaseGroupStatus status() {
    return status;
  }

  List<String> trail() {
    return trail;
  }

  List<ActionOutcome> outcomes() {
    return outcomes;
  }

  private ReleaseGroup group() {
    ReleaseGroup group = new ReleaseGroup();
    group.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace("web").build());
    group.setSpec(spec);
    group.setStatus(status);
    return group;
  }

  private static Microservice microservice(String name, RolloutSimulation m) {
    Microservice ms = new Microservice();
    ms.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("web")
            .withGeneration(Objects.requireNonNullElse(m.status().observedGeneration(), 1L))
            .build());
    ms.setSpec(m.spec());
    ms.setStatus(m.status());
    return ms;
  }
}
