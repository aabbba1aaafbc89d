package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseActionSpec.Action;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several services released as one, driven by the real pure planners of the group and of each
 * member: order of steps, providers first, together or not at all.
 */
class GroupRolloutTest {

  private static final String GROUP =
      """
      members: [barista, order, member]
      steps: [{setWeight: 20}, {setWeight: 50}]
      gatherSeconds: 30
      """;

  /** barista calls order, order calls member: member is the provider of all. */
  private static String spec(String name, String version) {
    String dependsOn =
        switch (name) {
          case "barista" -> "[order]";
          case "order" -> "[member]";
          default -> "[]";
        };
    return """
        image: shop/%s:%s
        replicas: 4
        dependsOn: %s
        rollout: {strategy: Canary, canary: {scaleDownDelaySeconds: 0, steps: [{setWeight: 90}]}}
        """
        .formatted(name, version, dependsOn);
  }

  private static GroupSimulation shop(String group) {
    Map<String, String> members = new LinkedHashMap<>();
    for (String name : List.of("barista", "order", "member")) {
      members.put(name, spec(name, "1"));
    }
    return new GroupSimulation(group, members);
  }

  /** All three change within the gather window. */
  private static GroupSimulation changedTogether(String group) {
    return shop(group)
        .change("barista", spec("barista", "2"), "b2")
        .advance(Duration.ofSeconds(10))
        .change("order", spec("order", "2"), "o2")
        .change("member", spec("member", "2"), "m2");
  }

  @Test
  void membersThatChangeWithinTheGatherWindowWaitForTheRestWithNothingRunning() {
    GroupSimulation sim = changedTogether(GROUP);
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Gathering);
    assertThat(sim.status().releasing()).isEqualTo("barista,member,order");
    for (String m : List.of("barista", "order", "member")) {
      assertThat(sim.member(m).status().phase()).as(m).isEqualTo(Phase.Queued);
      assertThat(sim.member(m).status().canaryRevision()).as(m).isNull();
      assertThat(sim.member(m).status().message()).as(m).contains("waits for release group shop");
      assertThat(sim.member(m).status().releaseGroup()).isEqualTo("shop");
    }
  }

  @Test
  void eachStepReachesProvidersBeforeTheirConsumersAndAllArePromotedTogether() {
    GroupSimulation sim = changedTogether(GROUP).advance(Duration.ofSeconds(30));
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Healthy);
    assertThat(sim.status().release()).isEqualTo(1);
    assertThat(sim.member("member").status().stableRevision()).isEqualTo("m2");
    assertThat(sim.member("order").status().stableRevision()).isEqualTo("o2");
    assertThat(sim.member("barista").status().stableRevision()).isEqualTo("b2");
    List<String> trail = sim.trail();
    assertThat(trail)
        .as("the members' own steps (setWeight 90) never ran: the group's did")
        .noneMatch(t -> t.endsWith("@90"));
    assertThat(trail)
        .containsSubsequence(
            "member m2@20",
            "order o2@20",
            "barista b2@20",
            "member m2@50",
            "order o2@50",
            "barista b2@50",
            "member stable m2",
            "order stable o2",
            "barista stable b2");
    assertThat(sim.status().members())
        .extracting(MemberRelease::name, MemberRelease::previousRevision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("barista", "1"),
            org.assertj.core.groups.Tuple.tuple("order", "1"),
            org.assertj.core.groups.Tuple.tuple("member", "1"));
  }

  @Test
  void aMemberFailingItsAnalysisAbortsEveryMember() {
    String analysed =
        GROUP
            + "analysis: {interval: 1m, failureLimit: 0, metrics: [{name: request-success-rate,"
            + " thresholdRange: {min: 99}}]}\n";
    GroupSimulation sim = changedTogether(analysed).advance(Duration.ofSeconds(30));
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Progressing);
    assertThat(sim.member("member").status().canaryWeight()).isEqualTo(20);
    sim.member("member").check(Check.Verdict.Fail);
    sim.settle();
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Aborted);
    assertThat(sim.status().message()).contains("member's revision m2 was aborted");
    for (String m : List.of("barista", "order", "member")) {
      assertThat(sim.member(m).status().canaryRevision()).as(m).isNull();
      assertThat(sim.member(m).status().stableRevision()).as(m).isEqualTo("1");
      assertThat(sim.member(m).status().phase()).as(m).isEqualTo(Phase.Aborted);
      assertThat(sim.member(m).status().rollout().heldRevision())
          .as(m)
          .isEqualTo(m.charAt(0) + "2");
    }
  }

  @Test
  void resumingAnAbortedReleaseStartsItAgainFromItsFirstStep() {
    String analysed =
        GROUP
            + "analysis: {interval: 1m, failureLimit: 0, metrics: [{name: request-success-rate,"
            + " thresholdRange: {min: 99}}]}\n";
    GroupSimulation sim = changedTogether(analysed).advance(Duration.ofSeconds(30));
    sim.member("member").check(Check.Verdict.Fail);
    sim.settle().act(Action.Resume);
    assertThat(sim.outcomes().get(0).applied()).isTrue();
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Progressing);
    assertThat(sim.member("member").status().canaryRevision()).isEqualTo("m2");
    assertThat(sim.member("member").status().canaryWeight()).isEqualTo(20);
    assertThat(sim.member("member").status().analysis()).as("a fresh start").isNull();
  }

  @Test
  void pauseHoldsEveryMemberAtItsWeightUntilResumed() {
    String slow =
        GROUP.replace(
            "[{setWeight: 20}, {setWeight: 50}]",
            "[{setWeight: 20}, {pause: {}}, {setWeight: 50}]");
    GroupSimulation sim = changedTogether(slow).advance(Duration.ofSeconds(30));
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Paused);
    assertThat(sim.status().message()).contains("kubectl gantry resume group/shop");
    sim.act(Action.Resume);
    assertThat(sim.outcomes().get(0).applied()).isTrue();
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Healthy);
    sim.replay(1, Action.Resume);
    assertThat(sim.outcomes()).hasSize(2);
    assertThat(sim.outcomes().get(1).applied()).as("answered from the history").isTrue();
    assertThat(sim.status().history()).hasSize(1);
  }

  @Test
  void aMemberChangedAgainSupersedesTheReleaseAndTheGroupGathersAnew() {
    String slow =
        GROUP.replace("[{setWeight: 20}, {setWeight: 50}]", "[{setWeight: 20}, {pause: {}}]");
    GroupSimulation sim = changedTogether(slow).advance(Duration.ofSeconds(30));
    assertThat(sim.member("order").status().canaryRevision()).isEqualTo("o2");
    sim.change("order", spec("order", "3"), "o3");
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Gathering);
    assertThat(sim.status().release()).isEqualTo(2);
    for (String m : List.of("barista", "order", "member")) {
      assertThat(sim.member(m).status().canaryRevision()).as(m + " has no canary").isNull();
    }
    sim.advance(Duration.ofSeconds(30));
    assertThat(sim.member("order").status().canaryRevision()).isEqualTo("o3");
    assertThat(sim.member("member").status().canaryRevision()).isEqualTo("m2");
  }

  @Test
  void aReleaseWithoutASlotWaitsQueuedAndCountsOnce() {
    GroupSimulation sim =
        shop(GROUP)
            .slot(new Slot(2, Slot.Budget.cluster(3)))
            .change("order", spec("order", "2"), "o2")
            .advance(Duration.ofSeconds(30));
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Queued);
    assertThat(sim.status().queuePosition()).isEqualTo(2);
    assertThat(sim.status().message())
        .isEqualTo(
            "release 1 waits for a rollout slot, number 2 in line: the operator-wide budget of 3"
                + " concurrent rollouts is taken");
    assertThat(sim.member("order").status().canaryRevision()).isNull();
    sim.slot(Slot.OPEN);
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Healthy);
    assertThat(sim.member("order").status().stableRevision()).isEqualTo("o2");
  }

  @Test
  void undoReturnsEveryMemberToTheGroupsPreviousReleaseConsumersFirst() {
    GroupSimulation sim = changedTogether(GROUP).advance(Duration.ofSeconds(30));
    int before = sim.trail().size();
    sim.act(Action.Undo);
    assertThat(sim.outcomes().get(0).applied()).isTrue();
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Healthy);
    for (String m : List.of("barista", "order", "member")) {
      assertThat(sim.member(m).status().stableRevision()).as(m).isEqualTo("1");
      assertThat(sim.member(m).status().rollout().heldRevision())
          .as(m + " holds the undone revision")
          .isEqualTo(m.charAt(0) + "2");
    }
    assertThat(sim.trail().subList(before, sim.trail().size()))
        .containsSubsequence("barista stable 1", "order stable 1", "member stable 1");
    sim.act(Action.Undo);
    assertThat(sim.outcomes().get(1).applied()).as("nothing left to undo").isFalse();
  }

  @Test
  void aMemberThatBelongsToAnOlderGroupIsNamedAndLeftAlone() {
    GroupSimulation sim = shop(GROUP).elsewhere("barista", "kitchen");
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Degraded);
    assertThat(sim.status().message())
        .contains("barista belongs to release group kitchen")
        .contains("remove it from spec.members");
  }

  @Test
  void actionsOnAMemberAreSentToItsGroup() {
    GroupSimulation sim = changedTogether(GROUP);
    RolloutSimulation order = sim.member("order").act("rita", Action.Promote, null);
    assertThat(order.lastOutcome().applied()).isFalse();
    assertThat(order.lastOutcome().message())
        .isEqualTo(
            "released by release group shop: act on the group (kubectl gantry promote group/shop)");
  }

  @Test
  void aRolloutOfItsOwnEndsWhenAServiceJoinsAGroupAndTheGroupReleasesIt() {
    RolloutSimulation own =
        new RolloutSimulation("image: shop/order:1\nreplicas: 2\n", "1", true)
            .settle()
            .block("2")
            .deploy("image: shop/order:2\nreplicas: 2\n", "2");
    assertThat(own.status().canaryRevision()).as("its own Rolling rollout").isEqualTo("2");
    own.group(
        new GroupDirective("shop", MemberRelease.NONE, null, 0, null, "not taken in yet", null));
    assertThat(own.status().canaryRevision()).isNull();
    assertThat(own.status().phase()).isEqualTo(Phase.Queued);
    assertThat(own.status().queuedRevision()).as("what the group will release").isEqualTo("2");
  }

  @Test
  void aMemberHeldByTheApiGateHoldsTheGroupUntilItsReleaseManagerAcceptsTheChange() {
    String api = "api: {openapi: {configMap: member-api, key: openapi.yaml}}\n";
    Map<String, String> members = new LinkedHashMap<>();
    for (String name : List.of("barista", "order", "member")) {
      members.put(name, spec(name, "1") + (name.equals("member") ? api : ""));
    }
    GroupSimulation sim = new GroupSimulation(GROUP, members);
    sim.member("member").judge(Judgements.breaking("m2"));
    sim.change("member", spec("member", "2") + api, "m2").advance(Duration.ofSeconds(30));
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Progressing);
    assertThat(sim.status().message()).contains("waiting for member to reach 20%");
    assertThat(sim.member("member").status().canaryWeight()).isZero();

    RolloutSimulation member = sim.member("member").act("rita", Action.AcceptBreakingChange, null);
    assertThat(member.lastOutcome().applied()).isTrue();
    sim.settle();
    assertThat(sim.status().phase()).isEqualTo(GroupPhase.Healthy);
    assertThat(sim.member("member").status().stableRevision()).isEqualTo("m2");
  }

  @Test
  void theGroupsAnalysisIsPacedByThePlatformLikeAMicroservicesOwn() {
    dev.gantry.operator.api.Analysis every1s =
        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
            "interval: 1s\nmetrics: [{name: request-success-rate, thresholdRange: {min: 99}}]\n",
            dev.gantry.operator.api.Analysis.class);
    GroupDirective directive =
        new GroupDirective("shop", MemberRelease.STEP, "m2", 20, null, "", every1s);
    assertThat(directive.pacedTo(Duration.ofSeconds(10)).analysis().interval()).isEqualTo("10s");
    assertThat(directive.pacedTo(Duration.ofSeconds(1)).analysis()).isSameAs(every1s);
  }
}
