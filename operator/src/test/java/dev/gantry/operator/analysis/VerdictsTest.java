package dev.gantry.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Analysis;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verdicts as a table: configuration, what Prometheus said, the verdict and why. */
class VerdictsTest {

  private static final String ANALYSIS =
      """
      minRequests: 50
      metrics:
      - name: request-success-rate
        thresholdRange: {min: 99}
        relativeToStable: {maxDecrease: 0.5}
      - name: request-duration
        thresholdRange: {max: 500}
        relativeToStable: {maxIncreasePercent: 20}
      """;

  static Stream<Arguments> table() {
    return Stream.of(
        row(
            "healthy canary passes",
            100.0,
            null,
            ok(99.9, 99.95),
            ok(120.0, 110.0),
            Check.Verdict.Pass,
            "within"),
        row(
            "success rate below the floor fails",
            100.0,
            null,
            ok(97.0, 99.9),
            ok(120.0, 110.0),
            Check.Verdict.Fail,
            "97 is below the minimum 99"),
        row(
            "slow canary fails on latency",
            100.0,
            null,
            ok(99.9, 99.9),
            ok(650.0, 110.0),
            Check.Verdict.Fail,
            "650 is above the maximum 500"),
        row(
            "within the static threshold but clearly worse than stable",
            100.0,
            null,
            ok(99.2, 99.95),
            ok(120.0, 110.0),
            Check.Verdict.Fail,
            "more than 0.50 below the stable revision's 99.95"),
        row(
            "latency 30% above stable",
            100.0,
            null,
            ok(99.9, 99.9),
            ok(143.0, 110.0),
            Check.Verdict.Fail,
            "more than 20% above the stable revision's 110"),
        row(
            "too few requests is inconclusive, not a pass",
            12.0,
            null,
            ok(100.0, 100.0),
            ok(50.0, 50.0),
            Check.Verdict.Inconclusive,
            "only 12 requests in the window, 50 needed"),
        row(
            "no traffic data at all is inconclusive",
            null,
            null,
            ok(100.0, 100.0),
            ok(50.0, 50.0),
            Check.Verdict.Inconclusive,
            "only 0 requests"),
        row(
            "no data for the metric is inconclusive",
            100.0,
            null,
            ok(null, 99.9),
            ok(50.0, 50.0),
            Check.Verdict.Inconclusive,
            "no data for the query"),
        row(
            "nothing to compare with is inconclusive",
            100.0,
            null,
            ok(99.9, null),
            ok(50.0, 50.0),
            Check.Verdict.Inconclusive,
            "no data for the stable revision"),
        row(
            "Prometheus unreachable is inconclusive",
            null,
            "cannot reach http://prometheus:9090",
            error("cannot reach http://prometheus:9090"),
            error("cannot reach http://prometheus:9090"),
            Check.Verdict.Inconclusive,
            "cannot reach"),
        row(
            "a failure outweighs doubt",
            100.0,
            null,
            ok(90.0, 99.9),
            ok(null, 110.0),
            Check.Verdict.Fail,
            "below the minimum"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void judges(
      String description,
      Double requests,
      String requestsError,
      Reading success,
      Reading duration,
      Check.Verdict expected,
      String reason) {
    Analysis analysis = Serialization.unmarshal(ANALYSIS, Analysis.class);
    Check check =
        Verdicts.judge(
            analysis,
            List.of(success, duration),
            requests,
            requestsError,
            Instant.EPOCH,
            "rev",
            20);
    assertThat(check.verdict()).isEqualTo(expected);
    assertThat(check.summary()).contains(reason);
    assertThat(check.measurements())
        .hasSize(2)
        .allSatisfy(
            m -> {
              assertThat(m.threshold()).isNotBlank();
              assertThat(m.verdict()).isNotBlank();
            });
  }

  private static Arguments row(
      String description,
      Double requests,
      String requestsError,
      Reading success,
      Reading duration,
      Check.Verdict verdict,
      String reason) {
    return Arguments.of(
        description,
        requests,
        requestsError,
        rename(success, "request-success-rate"),
        rename(duration, "request-duration"),
        verdict,
        reason);
  }

  private static Reading ok(Double value, Double stable) {
    return new Reading("", "query", value, stable, null);
  }

  private static Reading error(String error) {
    return new Reading("", "query", null, null, error);
  }

  private static Reading rename(Reading r, String metric) {
    return new Reading(metric, r.query(), r.value(), r.stableValue(), r.error());
  }
}
