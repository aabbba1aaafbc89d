package dev.gantry.operator.analysis;

import dev.gantry.operator.analysis.Check.Verdict;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisMetric;
import dev.gantry.operator.api.AnalysisStatus.Measurement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a check from what Prometheus answered. A metric fails when its value leaves the threshold
 * range or falls too far behind the stable revision; it is inconclusive — never a pass — when the
 * canary served fewer than {@code minRequests} requests, when there is no data, or when Prometheus
 * could not be asked. Any failure fails the check; otherwise any inconclusive metric makes it
 * inconclusive.
 */
public final class Verdicts {

  private Verdicts() {}

  /**
   * @param requests requests the canary served in the window (null: no data)
   * @param requestsError why the request count could not be read, if it could not
   */
  public static Check judge(
      Analysis analysis,
      List<Reading> readings,
      Double requests,
      String requestsError,
      Instant at,
      String revision,
      int weight) {
    List<Measurement> measurements = new ArrayList<>();
    boolean failed = false;
    boolean inconclusive = false;
    for (AnalysisMetric metric : analysis.metrics()) {
      Reading reading =
          readings.stream()
              .filter(r -> r.metric().equals(metric.name()))
              .findFirst()
              .orElse(new Reading(metric.name(), null, null, null, "not measured"));
      String threshold = describe(metric);
      Verdict verdict;
      String reason;
      if (reading.error() != null) {
        verdict = Verdict.Inconclusive;
        reason = "Prometheus could not be asked: " + reading.error();
      } else if (requestsError != null) {
        verdict = Verdict.Inconclusive;
        reason = "the request count could not be read: " + requestsError;
      } else if (requests == null || requests < analysis.minRequests()) {
        verdict = Verdict.Inconclusive;
        reason =
            "only "
                + format(requests == null ? 0 : requests)
                + " requests in the window, "
                + analysis.minRequests()
                + " needed";
      } else if (reading.value() == null) {
        verdict = Verdict.Inconclusive;
        reason = "no data for the query";
      } else {
        String failure = failure(metric, reading);
        if (failure == null && metric.relativeToStable() != null && reading.stableValue() == null) {
          verdict = Verdict.Inconclusive;
          reason = "no data for the stable revision to compare with";
        } else if (failure != null) {
          verdict = Verdict.Fail;
          reason = failure;
        } else {
          verdict = Verdict.Pass;
          reason = format(reading.value()) + " within " + threshold;
        }
      }
      failed |= verdict == Verdict.Fail;
      inconclusive |= verdict == Verdict.Inconclusive;
      measurements.add(
          new Measurement(
              metric.name(),
              reading.query(),
              reading.value(),
              reading.stableValue(),
              requests,
              threshold,
              verdict.name(),
              reason));
    }
    Verdict overall = failed ? Verdict.Fail : inconclusive ? Verdict.Inconclusive : Verdict.Pass;
    return new Check(at, revision, weight, overall, measurements);
  }

  /** Why the value is out of bounds, or null if it is within them. */
  private static String failure(AnalysisMetric metric, Reading reading) {
    double value = reading.value();
    AnalysisMetric.ThresholdRange range = metric.thresholdRange();
    if (range != null && range.min() != null && value < range.min()) {
      return format(value) + " is below the minimum " + format(range.min());
    }
    if (range != null && range.max() != null && value > range.max()) {
      return format(value) + " is above the maximum " + format(range.max());
    }
    AnalysisMetric.RelativeLimit relative = metric.relativeToStable();
    if (relative != null && reading.stableValue() != null) {
      double stable = reading.stableValue();
      if (relative.maxDecrease() != null && value < stable - relative.maxDecrease()) {
        return format(value)
            + " is more than "
            + format(relative.maxDecrease())
            + " below the stable revision's "
            + format(stable);
      }
      if (relative.maxIncreasePercent() != null
          && value > stable * (1 + relative.maxIncreasePercent() / 100)) {
        return format(value)
            + " is more than "
            + format(relative.maxIncreasePercent())
            + "% above the stable revision's "
            + format(stable);
      }
    }
    return null;
  }

  static String describe(AnalysisMetric metric) {
    List<String> parts = new ArrayList<>();
    if (metric.thresholdRange() != null) {
      AnalysisMetric.ThresholdRange r = metric.thresholdRange();
      parts.add(
          "["
              + (r.min() == null ? "-inf" : format(r.min()))
              + ", "
              + (r.max() == null ? "+inf" : format(r.max()))
              + "]");
    }
    if (metric.relativeToStable() != null) {
      AnalysisMetric.RelativeLimit r = metric.relativeToStable();
      if (r.maxDecrease() != null) {
        parts.add("at most " + format(r.maxDecrease()) + " below stable");
      }
      if (r.maxIncreasePercent() != null) {
        parts.add("at most " + format(r.maxIncreasePercent()) + "% above stable");
      }
    }
    return String.join(", ", parts);
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
