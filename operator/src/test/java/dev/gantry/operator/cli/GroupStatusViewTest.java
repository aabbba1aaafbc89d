package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupSpec;
import dev.gantry.operator.api.ReleaseGroupStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupStatusViewTest {

  @Test
  void showsTheStepAndWhatEachMemberIsTold() {
    ReleaseGroup group = new ReleaseGroup();
    group.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace("web").build());
    group.setSpec(
        Serialization.unmarshal(
            "members: [member, order]\nsteps: [{setWeight: 20}, {pause: {}}]",
            ReleaseGroupSpec.class));
    group.setStatus(
        new ReleaseGroupStatus(
            GroupPhase.Progressing,
            1L,
            3,
            "Stepping",
            0,
            20,
            1,
            "member,order",
            null,
            "2026-01-01T00:00:00Z",
            null,
            null,
            null,
            List.of(
                new MemberRelease("member", "m1", "m2", null, 20, "Step", 0, "Progressing"),
                new MemberRelease("order", "o1", "o2", null, 0, "Step", 1, "Progressing")),
            "release 3 at step 0 of 2, weight 20%: member m2, order o2; waiting for order",
            List.of(),
            List.of()));
    String view = GroupStatusView.render(group, Instant.parse("2026-01-01T00:01:00Z"));
    assertThat(view)
        .contains("group/shop (namespace web)   phase Progressing   release 3")
        .contains("step 0 of 2, weight 20%")
        .containsPattern("member\\s+m1\\s+m2\\s+20%\\s+Step\\s+Progressing")
        .containsPattern("order\\s+o1\\s+o2\\s+0%\\s+Step")
        .contains("message: release 3 at step 0 of 2");
  }

  @Test
  void namesAMicroserviceOrAGroupAsKubectlSpellsThem() {
    assertThat(Subject.parse("order")).isEqualTo(new Subject("order", false));
    assertThat(Subject.parse("group/shop")).isEqualTo(new Subject("shop", true));
    assertThat(Subject.parse("rg/shop")).isEqualTo(new Subject("shop", true));
    assertThat(Subject.parse("msvc/order")).isEqualTo(new Subject("order", false));
    assertThatThrownBy(() -> Subject.parse("deployment/order"))
        .hasMessageContaining("unknown kind deployment");
  }
}
