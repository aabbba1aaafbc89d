package dev.gantry.operator.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptanceTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final Violation HOST =
      new Violation(
          "spec.traffic.hosts[0]",
          Violation.HOST_NOT_ALLOWED,
          "pay.example.com is not in a domain the platform allows namespace shop to route (it allows none)",
          false);

  @Test
  void acceptedWhenNothingIsRefused() {
    MicroserviceStatus status = Acceptance.apply(status(Phase.Healthy, "serving"), List.of(), NOW);
    assertThat(status.phase()).isEqualTo(Phase.Healthy);
    assertThat(status.condition(Acceptance.ACCEPTED))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getLastTransitionTime()).isEqualTo(NOW.toString());
            });
  }

  /** A paused or aborted rollout keeps the phase and message its release manager acts on. */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "Healthy,     Degraded, false",
    "Progressing, Degraded, false",
    "Degraded,    Degraded, false",
    "Paused,      Paused,   true",
    "Aborted,     Aborted,  true"
  })
  void leftOutFieldsDegradeTheService(Phase planned, Phase shown, boolean keepsMessage) {
    MicroserviceStatus status =
        Acceptance.apply(status(planned, "the rollout's own words"), List.of(HOST), NOW);
    assertThat(status.phase()).isEqualTo(shown);
    assertThat(status.message())
        .isEqualTo(
            keepsMessage
                ? "the rollout's own words"
                : HOST.describe() + "; the rollout's own words");
    assertThat(status.condition(Acceptance.ACCEPTED))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo(Violation.HOST_NOT_ALLOWED);
              assertThat(c.getMessage()).isEqualTo(HOST.describe());
            });
  }

  @Test
  void refusedKeepsTheRolloutsMemoryAndNamesEveryObject() {
    Violation account =
        new Violation(
            "ServiceAccount web",
            Violation.NAME_IN_USE,
            "already exists and is not managed by Gantry",
            true);
    MicroserviceStatus before =
        status(Phase.Healthy, "serving").toBuilder().stableRevision("abc").build();
    MicroserviceStatus status = Acceptance.refused(before, List.of(account, HOST), NOW);
    assertThat(status.phase()).isEqualTo(Phase.Degraded);
    assertThat(status.stableRevision()).isEqualTo("abc");
    assertThat(status.message())
        .contains("ServiceAccount web: already exists")
        .contains("pay.example.com");
    assertThat(status.condition(Acceptance.ACCEPTED).orElseThrow().getReason())
        .isEqualTo(Violation.NAME_IN_USE);
  }

  @Test
  void theConditionKeepsItsTransitionTimeWhileItHolds() {
    MicroserviceStatus first = Acceptance.apply(status(Phase.Healthy, "x"), List.of(HOST), NOW);
    MicroserviceStatus again = Acceptance.apply(first, List.of(HOST), NOW.plusSeconds(60));
    assertThat(again.condition(Acceptance.ACCEPTED).orElseThrow().getLastTransitionTime())
        .isEqualTo(NOW.toString());
  }

  private static MicroserviceStatus status(Phase phase, String message) {
    return MicroserviceStatus.builder()
        .phase(phase)
        .message(message)
        .observedGeneration(1L)
        .build();
  }
}
