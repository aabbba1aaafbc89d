package dev.gantry.operator.render;

import dev.gantry.operator.analysis.Queries;
import dev.gantry.operator.api.Analysis.MetricsSource;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Slo;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SLO alerts for a service, as a Prometheus-Operator PrometheusRule: error ratios recorded over the
 * windows a multi-window, multi-burn-rate alert needs; a page when the error budget burns 14.4
 * times too fast over an hour (confirmed over five minutes) or 6 times over six hours (confirmed
 * over thirty minutes); a ticket at 3 times over a day or once over three days; and a latency alert
 * when p99 exceeds the objective over both five minutes and an hour.
 */
public final class PrometheusRules {

  static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

  private PrometheusRules() {}

  public static PrometheusRule desired(Microservice ms, MetricsSource source) {
    String name = ms.getMetadata().getName();
    String namespace = ms.getMetadata().getNamespace();
    Slo slo = ms.getSpec().monitoring().slo();
    Map<String, String> labels = Map.of("namespace", namespace, "microservice", name);
    List<Rule> rules = new ArrayList<>();
    String all = Queries.serviceSelector(source, namespace, name, false);
    String errors = Queries.serviceSelector(source, namespace, name, true);
    String counter = Queries.requestCounter(source);
    for (String window : WINDOWS) {
      rules.add(
          new RuleBuilder()
              .withRecord(ratio(window))
              .withExpr(
                  new IntOrString(
                      "sum(rate("
                          + counter
                          + "{"
                          + errors
                          + "}["
                          + window
                          + "])) / sum(rate("
                          + counter
                          + "{"
                          + all
                          + "}["
                          + window
                          + "]))"))
              .withLabels(labels)
              .build());
    }
    String selector = "{namespace=\"" + namespace + "\",microservice=\"" + name + "\"}";
    if (slo != null && slo.availabilityPercent() != null) {
      double budget = 1 - slo.availabilityPercent() / 100;
      String objective = number(slo.availabilityPercent());
      rules.add(
          alert(
              "GantryErrorBudgetBurn",
              "page",
              burn(selector, "1h", "5m", 14.4, budget)
                  + " or "
                  + burn(selector, "6h", "30m", 6, budget),
              name
                  + " burns its error budget fast: at this rate the "
                  + objective
                  + "% objective is missed within days",
              labels));
      rules.add(
          alert(
              "GantryErrorBudgetBurn",
              "ticket",
              burn(selector, "1d", "2h", 3, budget)
                  + " or "
                  + burn(selector, "3d", "6h", 1, budget),
              name + " burns its error budget faster than the " + objective + "% objective allows",
              labels));
    }
    if (slo != null && slo.latencyP99Milliseconds() != null) {
      String limit =
          source == MetricsSource.Istio
              ? number(slo.latencyP99Milliseconds())
              : number(slo.latencyP99Milliseconds() / 1000.0);
      String buckets = Queries.durationBuckets(source);
      rules.add(
          alert(
              "GantryLatencyHigh",
              "page",
              p99(buckets, all, "5m")
                  + " > "
                  + limit
                  + " and "
                  + p99(buckets, all, "1h")
                  + " > "
                  + limit,
              name
                  + " answers slower than its p99 objective of "
                  + slo.latencyP99Milliseconds()
                  + " ms",
              labels));
    }
    return new PrometheusRuleBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withNewSpec()
        .addNewGroup()
        .withName("gantry-" + name + "-slo")
        .withRules(rules)
        .endGroup()
        .endSpec()
        .build();
  }

  static String ratio(String window) {
    return "gantry:request_errors:ratio_rate" + window;
  }

  private static String burn(
      String selector, String longWindow, String shortWindow, double factor, double budget) {
    String threshold = number(factor * budget);
    return "("
        + ratio(longWindow)
        + selector
        + " > "
        + threshold
        + " and "
        + ratio(shortWindow)
        + selector
        + " > "
        + threshold
        + ")";
  }

  private static String p99(String buckets, String selector, String window) {
    return "histogram_quantile(0.99, sum(rate("
        + buckets
        + "{"
        + selector
        + "}["
        + window
        + "])) by (le))";
  }

  private static Rule alert(
      String alert, String severity, String expr, String summary, Map<String, String> labels) {
    Map<String, String> all = new java.util.LinkedHashMap<>(labels);
    all.put("severity", severity);
    return new RuleBuilder()
        .withAlert(alert)
        .withExpr(new IntOrString(expr))
        .withFor(severity.equals("page") ? "2m" : "15m")
        .withLabels(all)
        .withAnnotations(Map.of("summary", summary))
        .build();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+$", "");
  }
}
