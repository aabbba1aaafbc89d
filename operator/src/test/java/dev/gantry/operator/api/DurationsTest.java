package dev.gantry.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, 500",
    "30s, 30000",
    "1m30s, 90000",
    "2h, 7200000",
    "1.5s, 1500",
    "0.25m, 15000"
  })
  void parsesGoDurations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "s", "1d", "-1s", "1 s", "1m 30s"})
  void refusesWhatTheSchemaRefuses(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a duration");
  }

  @ParameterizedTest
  @CsvSource({"1500, 1.500s, 1500ms", "30000, 30s, 30s", "5, 0.005s, 5ms"})
  void formatsForIstioAndPrometheus(long millis, String istio, String prometheus) {
    assertThat(Durations.toSeconds(Duration.ofMillis(millis))).isEqualTo(istio);
    assertThat(Durations.toPrometheus(Duration.ofMillis(millis))).isEqualTo(prometheus);
  }
}
