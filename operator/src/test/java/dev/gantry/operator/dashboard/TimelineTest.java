package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.Fixtures;
import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private static Microservice at(
      String canary, int weight, AnalysisStatus analysis, List<HistoryEntry> history) {
    Microservice ms = Fixtures.microservice("order", "image: o:2");
    ms.setStatus(
        MicroserviceStatus.builder()
            .phase(Phase.Progressing)
            .canaryRevision(canary)
            .canaryWeight(weight)
            .analysis(analysis)
            .history(history)
            .build());
    return ms;
  }

  private static AnalysisStatus check(String revision, String at, double canary, double stable) {
    return new AnalysisStatus(
        at,
        "Passed",
        revision,
        10,
        0,
        0,
        null,
        List.of(
            new AnalysisStatus.Measurement(
                "request-success-rate",
                "q",
                canary,
                stable,
                100.0,
                "[0.99, +inf]",
                "Passed",
                "ok")));
  }

  @Test
  void recordsEachWeightChangeAndEachCheckOnce() {
    Timeline timeline = new Timeline();
    AnalysisStatus first = check("c2", "2026-12-04T10:00:30Z", 0.995, 0.999);
    timeline.observe(at("c2", 10, null, List.of()), T0);
    timeline.observe(at("c2", 10, first, List.of()), T0.plusSeconds(30));
    timeline.observe(at("c2", 10, first, List.of()), T0.plusSeconds(31));
    timeline.observe(
        at("c2", 30, check("c2", "2026-12-04T10:01:00Z", 0.99, 0.999), List.of()),
        T0.plusSeconds(60));

    Timeline.Series series = timeline.series("shop", "order");
    assertThat(series.revision()).isEqualTo("c2");
    assertThat(series.weights())
        .containsExactly(
            new Timeline.Point(T0.getEpochSecond(), 10),
            new Timeline.Point(T0.getEpochSecond() + 60, 30));
    assertThat(series.measurements().get("request-success-rate"))
        .extracting(Timeline.Measured::canary)
        .containsExactly(0.995, 0.99);
  }

  @Test
  void aNewCanaryStartsNewSeriesSeededFromItsHistory() {
    Timeline timeline = new Timeline();
    timeline.observe(at("c2", 40, null, List.of()), T0);
    HistoryEntry manual =
        new HistoryEntry(
            "2026-12-04T10:05:00Z",
            "alice",
            "SetWeight",
            25,
            null,
            "Applied",
            null,
            "c3",
            null,
            null);
    timeline.observe(
        at("c3", 25, check("c2", "2026-12-04T10:05:10Z", 0.5, 0.9), List.of(manual)),
        T0.plusSeconds(400));

    Timeline.Series series = timeline.series("shop", "order");
    assertThat(series.revision()).isEqualTo("c3");
    assertThat(series.weights()).extracting(Timeline.Point::value).containsExactly(25.0);
    assertThat(series.measurements())
        .as("a check of the old canary is not the new one's")
        .isEmpty();
  }

  @Test
  void keepsAtMostTheLimit() {
    Timeline timeline = new Timeline();
    for (int i = 0; i <= Timeline.LIMIT + 10; i++) {
      timeline.observe(at("c2", i % 2 == 0 ? 10 : 20, null, List.of()), T0.plusSeconds(i));
    }
    assertThat(timeline.series("shop", "order").weights()).hasSize(Timeline.LIMIT);
  }

  @Test
  void aDeletedServiceIsForgotten() {
    Timeline timeline = new Timeline();
    timeline.observe(at("c2", 10, null, List.of()), T0);
    timeline.forget("shop", "order");
    assertThat(timeline.series("shop", "order")).isEqualTo(Timeline.Series.EMPTY);
  }

  @Test
  void aServiceWithoutACanaryHasNoSeries() {
    Timeline timeline = new Timeline();
    timeline.observe(at(null, 0, null, List.of()), T0);
    assertThat(timeline.series("shop", "order")).isEqualTo(Timeline.Series.EMPTY);
  }
}
