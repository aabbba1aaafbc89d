package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.Fixtures;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.ApiStatus.ApiChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiDiffViewTest {

  private final dev.gantry.operator.api.Microservice member =
      Fixtures.microservice("member", "image: shop/member:2\n");

  @Test
  void marksWhatBreaksWhomAndWhatIsCompatible() {
    ApiStatus api =
        new ApiStatus(
            "b2",
            "a1",
            ApiStatus.BREAKING,
            null,
            List.of(new ApiChange("GET /members/{id}", null, "removed", List.of("order"), null)),
            List.of(new ApiChange("GET /members/{id}/tier", null, "added", List.of(), null)),
            List.of("barista declares no api.uses for member: every operation counts as used"),
            ApiStatus.HOLDING,
            null);
    assertThat(ApiDiffView.render(member, api))
        .isEqualTo(
            """
            member: revision b2 against stable a1: Breaking (gate Holding)
              BREAKS   GET /members/{id}: removed  (used by order)
              ok       GET /members/{id}/tier: added
              note: barista declares no api.uses for member: every operation counts as used
            """);
  }

  @Test
  void saysWhyItCannotJudgeAndWhoAccepted() {
    ApiStatus api =
        new ApiStatus(
            "b2",
            null,
            ApiStatus.UNKNOWN,
            "the OpenAPI document: ConfigMap member-api has no key openapi.yaml",
            List.of(),
            List.of(),
            List.of(),
            ApiStatus.ACCEPTED,
            "rita");
    assertThat(ApiDiffView.render(member, api))
        .isEqualTo(
            """
            member: revision b2 against no stable revision: Unknown (gate Accepted)
              cannot judge: the OpenAPI document: ConfigMap member-api has no key openapi.yaml
              accepted by rita
            """);
  }

  @Test
  void aConsumersOwnUseNamesTheProvider() {
    ApiStatus api =
        new ApiStatus(
            "c3",
            "a1",
            ApiStatus.BREAKING,
            null,
            List.of(
                new ApiChange(
                    "GET /members/{id}/tier",
                    null,
                    "order now uses GET /members/{id}/tier, which member's stable revision m1 does"
                        + " not serve",
                    List.of("order"),
                    "member")),
            List.of(),
            List.of(),
            ApiStatus.HOLDING,
            null);
    assertThat(ApiDiffView.breaking(api, "order"))
        .isEqualTo(
            """
              API breaks GET /members/{id}/tier: order now uses GET /members/{id}/tier, which\
             member's stable revision m1 does not serve  (provider member)
              API gate: Holding (details: kubectl gantry api-diff order)
            """);
  }

  @Test
  void withoutAContractThereIsNothingToCompare() {
    assertThat(ApiDiffView.render(member, null))
        .isEqualTo("member declares no API contract (spec.api); nothing is compared\n");
  }
}
