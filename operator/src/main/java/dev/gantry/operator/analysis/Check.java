package dev.gantry.operator.analysis;

import dev.gantry.operator.api.AnalysisStatus.Measurement;
import java.time.Instant;
import java.util.List;

/**
 * One analysis check of a canary: every metric judged, and the overall verdict.
 *
 * @param weight the canary's weight while the window was measured
 */
public record Check(
    Instant at, String revision, int weight, Verdict verdict, List<Measurement> measurements) {

  public Check {
    measurements = List.copyOf(measurements);
  }

  /** The outcome of a check or of one metric. */
  public enum Verdict {
    Pass,
    Fail,
    /** Too little traffic, no data, or Prometheus unreachable: never a pass. */
    Inconclusive
  }

  /** The reasons of the metrics that did not pass, for messages and Events. */
  public String summary() {
    return measurements.stream()
        .map(m -> m.metric() + ": " + m.reason())
        .reduce((a, b) -> a + "; " + b)
        .orElse("no metrics");
  }
}
