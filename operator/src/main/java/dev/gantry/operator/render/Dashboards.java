package dev.gantry.operator.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.operator.analysis.Queries;
import dev.gantry.operator.api.Analysis.MetricsSource;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A Grafana dashboard for the service — traffic split, success rate and p99 latency, each per
 * revision, so a canary can be watched beside the stable revision — in a ConfigMap labelled for
 * Grafana's dashboard sidecar.
 */
public final class Dashboards {

  /** The label Grafana's sidecar looks for. */
  public static final String SIDECAR_LABEL = "grafana_dashboard";

  public static final String FILE_SUFFIX = ".json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Dashboards() {}

  public static String configMapName(String name) {
    return name + "-dashboard";
  }

  public static ConfigMap desired(Microservice ms, MetricsSource source) {
    String name = ms.getMetadata().getName();
    Map<String, String> labels = Labels.forService(name);
    labels.put(SIDECAR_LABEL, "1");
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(configMapName(name))
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withData(Map.of(fileName(ms.getMetadata().getNamespace(), name), json(ms, source)))
        .build();
  }

  /**
   * Grafana's sidecar writes every dashboard of every namespace into one folder, by this name: it
   * carries the namespace, so two teams' services of the same name never overwrite each other.
   */
  public static String fileName(String namespace, String name) {
    return "gantry-" + namespace + "-" + name + FILE_SUFFIX;
  }

  /**
   * Grafana identifies a dashboard by a uid of at most 40 characters, across all namespaces: a hash
   * of namespace and name, so neither truncation nor a '-' in either can make two collide.
   */
  static String uid(String namespace, String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
      return "gantry-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(Microservice ms, MetricsSource source) {
    String name = ms.getMetadata().getName();
    String namespace = ms.getMetadata().getNamespace();
    String by = source == MetricsSource.Istio ? "destination_version" : "revision";
    String all = Queries.serviceSelector(source, namespace, name, false);
    String errors = Queries.serviceSelector(source, namespace, name, true);
    String counter = Queries.requestCounter(source);
    String buckets = Queries.durationBuckets(source);
    String toMillis = source == MetricsSource.Istio ? "" : " * 1000";

    ObjectNode dashboard = JSON.createObjectNode();
    dashboard.put("title", "Gantry / " + namespace + " / " + name);
    dashboard.put("uid", uid(namespace, name));
    dashboard.put("schemaVersion", 39);
    dashboard.putArray("tags").add("gantry").add(name);
    dashboard.put("refresh", "10s");
    dashboard.putObject("time").put("from", "now-1h").put("to", "now");
    ArrayNode panels = dashboard.putArray("panels");
    panel(
        panels,
        0,
        "Traffic by revision (requests/s)",
        "reqps",
        "sum by (" + by + ") (rate(" + counter + "{" + all + "}[1m]))");
    panel(
        panels,
        8,
        "Success rate by revision (%)",
        "percent",
        "100 * (1 - (sum by ("
            + by
            + ") (rate("
            + counter
            + "{"
            + errors
            + "}[1m])) or sum by ("
            + by
            + ") (rate("
            + counter
            + "{"
            + all
            + "}[1m])) * 0) / sum by ("
            + by
            + ") (rate("
            + counter
            + "{"
            + all
            + "}[1m])))");
    panel(
        panels,
        16,
        "p99 latency by revision (ms)",
        "ms",
        "histogram_quantile(0.99, sum by (le, "
            + by
            + ") (rate("
            + buckets
            + "{"
            + all
            + "}[1m])))"
            + toMillis);
    try {
      return JSON.writeValueAsString(dashboard);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void panel(ArrayNode panels, int x, String title, String unit, String expr) {
    ObjectNode panel = panels.addObject();
    panel.put("type", "timeseries");
    panel.put("title", title);
    panel.putObject("gridPos").put("x", x).put("y", 0).put("w", 8).put("h", 8);
    panel.putObject("fieldConfig").putObject("defaults").put("unit", unit);
    ObjectNode target = panel.putArray("targets").addObject();
    target.put("expr", expr);
    target.put(
        "legendFormat",
        "{{" + (expr.contains("destination_version") ? "destination_version" : "revision") + "}}");
    target.put("refId", "A");
  }
}
