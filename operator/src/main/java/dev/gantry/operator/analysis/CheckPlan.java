package dev.gantry.operator.analysis;

import dev.gantry.operator.analysis.promql.Confinement;
import dev.gantry.operator.analysis.promql.PromQlException;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisMetric;
import dev.gantry.operator.api.ClusterMetricTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queries one check of a canary sends, and to which Prometheus: decided before any is sent,
 * without I/O. Built-in metrics and platform engineers' templates are run as written; a team's own
 * query is confined to the team's namespace first, and one that cannot be is not sent.
 *
 * @param endpoint the named Prometheus of the analysis (null: the default one)
 * @param requests how many requests the canary served in the window
 * @param metrics each metric's queries, or why it cannot be measured
 */
public record CheckPlan(String endpoint, String requests, List<MetricQueries> metrics) {

  public CheckPlan {
    metrics = List.copyOf(metrics);
  }

  /**
   * @param endpoint the named Prometheus to ask (null: the default one)
   * @param canary the canary's query; null when {@code error} says why there is none
   * @param stable the stable revision's query, when the metric is judged against it
   */
  public record MetricQueries(
      String metric, String endpoint, String canary, String stable, String error) {}

  /** The most queries a check of {@code analysis} sends: what the namespace's budget is charged. */
  public static int cost(Analysis analysis) {
    int cost = 1;
    for (AnalysisMetric metric : analysis.metrics()) {
      cost += metric.relativeToStable() == null ? 1 : 2;
    }
    return cost;
  }

  /**
   * @param templates the ClusterMetricTemplates the analysis names, found by name; absent ones are
   *     missing from the map
   * @param tenantLabel the label that holds a series' namespace, to which a team's query is
   *     confined
   */
  public static CheckPlan of(
      Analysis analysis,
      Analysis.MetricsSource source,
      Queries.Target canary,
      Queries.Target stable,
      Map<String, ClusterMetricTemplateSpec> templates,
      String tenantLabel) {
    List<MetricQueries> metrics = new ArrayList<>();
    for (AnalysisMetric metric : analysis.metrics()) {
      metrics.add(
          queries(metric, analysis.prometheus(), source, canary, stable, templates, tenantLabel));
    }
    return new CheckPlan(analysis.prometheus(), Queries.requests(source, canary), metrics);
  }

  private static MetricQueries queries(
      AnalysisMetric metric,
      String endpoint,
      Analysis.MetricsSource source,
      Queries.Target canary,
      Queries.Target stable,
      Map<String, ClusterMetricTemplateSpec> templates,
      String tenantLabel) {
    boolean relative = metric.relativeToStable() != null;
    if (metric.templateRef() != null) {
      ClusterMetricTemplateSpec template = templates.get(metric.templateRef().name());
      if (template == null) {
        return new MetricQueries(
            metric.name(),
            endpoint,
            null,
            null,
            "there is no ClusterMetricTemplate " + metric.templateRef().name());
      }
      String target = template.prometheus() != null ? template.prometheus() : endpoint;
      return new MetricQueries(
          metric.name(),
          target,
          Queries.template(template.query(), canary),
          relative ? Queries.template(template.query(), stable) : null,
          null);
    }
    if (metric.query() == null) {
      return new MetricQueries(
          metric.name(),
          endpoint,
          Queries.builtIn(metric, source, canary),
          relative ? Queries.builtIn(metric, source, stable) : null,
          null);
    }
    try {
      return new MetricQueries(
          metric.name(),
          endpoint,
          confined(metric.query(), canary, tenantLabel),
          relative ? confined(metric.query(), stable, tenantLabel) : null,
          null);
    } catch (PromQlException e) {
      return new MetricQueries(
          metric.name(),
          endpoint,
          null,
          null,
          "the query cannot be confined to namespace "
              + canary.namespace()
              + ": "
              + e.getMessage());
    }
  }

  /** A team's query, filled in and made to read only the team's namespace. */
  public static String confined(String query, Queries.Target target, String tenantLabel) {
    return Confinement.confine(Queries.template(query, target), tenantLabel, target.namespace());
  }
}
