package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.api.ReleaseActionSpec.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionFormTest {

  @ParameterizedTest(name = "{0} weight={1} reason={2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "SetWeight, 40, more traffic, SetWeight, 40, more traffic",
        "SetWeight, ' 0 ', null, SetWeight, 0, null",
        "SetWeight, 100, '  ', SetWeight, 100, null",
        "Promote, 40, null, Promote, null, null",
        "PromoteFull, null, ' why ', PromoteFull, null, why",
        "Abort, null, bad latency, Abort, null, bad latency",
        "Undo, null, null, Undo, null, null"
      })
  void acceptsWhatTheFormOffers(
      String action, String weight, String reason, Action expected, Integer percent, String why) {
    assertThat(ActionForm.parse(action, weight, reason))
        .isEqualTo(new ActionForm(expected, percent, why));
  }

  @ParameterizedTest(name = "{0} weight={1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "null, null, action:",
        "promote, null, action:",
        "AcceptBreakingChange, null, action:",
        "SetWeight, null, weight:",
        "SetWeight, 101, weight:",
        "SetWeight, -1, weight:",
        "SetWeight, 12.5, weight:",
        "SetWeight, ten, weight:"
      })
  void refusesNamingTheField(String action, String weight, String field) {
    assertThatThrownBy(() -> ActionForm.parse(action, weight, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field);
  }

  @org.junit.jupiter.api.Test
  void refusesAReasonLongerThanTheApiAccepts() {
    assertThatThrownBy(() -> ActionForm.parse("Pause", null, "x".repeat(1025)))
        .hasMessageStartingWith("reason:");
  }
}
