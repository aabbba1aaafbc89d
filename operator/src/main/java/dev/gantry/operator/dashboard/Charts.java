package dev.gantry.operator.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.operator.api.AnalysisMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a service page's charts, as the JSON the page's script draws with uPlot: the weight
 * over time, and per metric the canary's and the stable revision's values against the threshold.
 */
final class Charts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Charts() {}

  static String json(Timeline.Series series, List<AnalysisMetric> metrics) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("revision", series.revision());
    out.put(
        "weights",
        List.of(
            series.weights().stream().map(Timeline.Point::time).toList(),
            series.weights().stream().map(Timeline.Point::value).toList()));
    List<Map<String, Object>> charts = new ArrayList<>();
    series
        .measurements()
        .forEach(
            (metric, points) -> {
              Map<String, Object> chart = new LinkedHashMap<>();
              chart.put("metric", metric);
              metrics.stream()
                  .filter(m -> m.name().equals(metric) && m.thresholdRange() != null)
                  .findFirst()
                  .ifPresent(
                      m -> {
                        chart.put("min", m.thresholdRange().min());
                        chart.put("max", m.thresholdRange().max());
                      });
              chart.put("time", points.stream().map(Timeline.Measured::time).toList());
              chart.put("canary", points.stream().map(Timeline.Measured::canary).toList());
              chart.put("stable", points.stream().map(Timeline.Measured::stable).toList());
              charts.add(chart);
            });
    out.put("metrics", charts);
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart data cannot be written", e);
    }
  }
}
