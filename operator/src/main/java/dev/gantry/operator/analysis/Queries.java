package dev.gantry.operator.analysis;

import dev.gantry.operator.api.Analysis.MetricsSource;
import dev.gantry.operator.api.AnalysisMetric;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.naming.Names;

/**
 * The PromQL of a metric for one revision over one window. Built-in metrics read Istio's telemetry
 * (by destination workload, which is the revision's Deployment) or the service's own Micrometer
 * metrics (by the {@code revision} label the ServiceMonitor adds).
 */
public final class Queries {

  private Queries() {}

  /** Where to look: a revision of a Microservice, over a window. */
  public record Target(String namespace, String name, String revision, String interval) {
    String window() {
      return Durations.toPrometheus(Durations.parse(interval));
    }
  }

  /** The PromQL of a built-in metric ({@code request-success-rate}, {@code request-duration}). */
  public static String builtIn(AnalysisMetric metric, MetricsSource source, Target target) {
    return switch (metric.name()) {
      case AnalysisMetric.SUCCESS_RATE -> successRate(source, target);
      case AnalysisMetric.DURATION -> p99Millis(source, target);
      default -> throw new IllegalArgumentException(metric.name() + " is not a built-in metric");
    };
  }

  /**
   * Requests the revision served in the window: fewer than minRequests makes a check inconclusive.
   */
  public static String requests(MetricsSource source, Target target) {
    return "sum(increase("
        + counter(source)
        + "{"
        + selector(source, target)
        + "}["
        + target.window()
        + "]))";
  }

  static String successRate(MetricsSource source, Target target) {
    String sel = selector(source, target);
    String errors = source == MetricsSource.Istio ? "response_code!~\"5..\"" : "status!~\"5..\"";
    String window = target.window();
    return "sum(rate("
        + counter(source)
        + "{"
        + sel
        + ","
        + errors
        + "}["
        + window
        + "])) / sum(rate("
        + counter(source)
        + "{"
        + sel
        + "}["
        + window
        + "])) * 100";
  }

  static String p99Millis(MetricsSource source, Target target) {
    String sel = selector(source, target);
    String window = target.window();
    if (source == MetricsSource.Istio) {
      return "histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{"
          + sel
          + "}["
          + window
          + "])) by (le))";
    }
    return "histogram_quantile(0.99, sum(rate(http_server_requests_seconds_bucket{"
        + sel
        + "}["
        + window
        + "])) by (le)) * 1000";
  }

  /**
   * Selects every request to the service, whatever the revision: what its service level is measured
   * on. {@code errors} narrows it to server errors.
   */
  public static String serviceSelector(
      MetricsSource source, String namespace, String name, boolean errors) {
    if (source == MetricsSource.Istio) {
      return "reporter=\"destination\",destination_service_namespace=\""
          + namespace
          + "\",destination_service_name=\""
          + name
          + "\""
          + (errors ? ",response_code=~\"5..\"" : "");
    }
    return "namespace=\""
        + namespace
        + "\",service=\""
        + name
        + "\",uri!~\"/health.*|/prometheus\""
        + (errors ? ",status=~\"5..\"" : "");
  }

  public static String requestCounter(MetricsSource source) {
    return counter(source);
  }

  public static String durationBuckets(MetricsSource source) {
    return source == MetricsSource.Istio
        ? "istio_request_duration_milliseconds_bucket"
        : "http_server_requests_seconds_bucket";
  }

  private static String counter(MetricsSource source) {
    return source == MetricsSource.Istio
        ? "istio_requests_total"
        : "http_server_requests_seconds_count";
  }

  private static String selector(MetricsSource source, Target target) {
    if (source == MetricsSource.Istio) {
      return "reporter=\"destination\",destination_workload_namespace=\""
          + target.namespace()
          + "\",destination_workload=\""
          + Names.deployment(target.name(), target.revision())
          + "\"";
    }
    // The service's own health and metrics endpoints are not its traffic.
    return "namespace=\""
        + target.namespace()
        + "\",service=\""
        + target.name()
        + "\",revision=\""
        + target.revision()
        + "\",uri!~\"/health.*|/prometheus\"";
  }

  /**
   * The query with {@code {{namespace}}}, {@code {{name}}}, {@code {{revision}}} and {@code
   * {{interval}}} filled in.
   */
  public static String template(String query, Target target) {
    return query
        .replace("{{namespace}}", target.namespace())
        .replace("{{name}}", target.name())
        .replace("{{revision}}", target.revision())
        .replace("{{interval}}", target.window());
  }
}
