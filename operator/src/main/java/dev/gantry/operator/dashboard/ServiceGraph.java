package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.Kafka;
import dev.gantry.operator.api.Microservice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A namespace's services as a graph drawn left to right: an arrow from each caller to what it
 * {@code dependsOn}, a dashed one from each producer to the consumers of a topic. Callers sit left
 * of what they call (columns by longest call chain; a cycle is cut where it is first met). A pure
 * layout: coordinates for an SVG, no drawing.
 */
public record ServiceGraph(int width, int height, List<Node> nodes, List<Edge> edges) {

  static final int NODE_WIDTH = 150;
  static final int NODE_HEIGHT = 36;
  static final int COLUMN = 230;
  static final int ROW = 64;
  static final int MARGIN = 20;
  static final int BOW = 40;

  public record Node(int x, int y, String name, String phase, String phaseClass, String href) {
    public int width() {
      return NODE_WIDTH;
    }

    public int height() {
      return NODE_HEIGHT;
    }

    public int textX() {
      return x + NODE_WIDTH / 2;
    }

    public int textY() {
      return y + NODE_HEIGHT / 2 + 5;
    }
  }

  /**
   * {@code kind} is {@code call} or {@code topic}; {@code label} the topic, or empty. Drawn as a
   * curve through ({@code cx}, {@code cy}), which bows below the nodes an edge passes over.
   */
  public record Edge(
      String from,
      String to,
      String kind,
      String label,
      int x1,
      int y1,
      int x2,
      int y2,
      int cx,
      int cy) {
    /** The SVG path: a quadratic curve from the caller to the callee. */
    public String path() {
      return "M " + x1 + " " + y1 + " Q " + cx + " " + cy + " " + x2 + " " + y2;
    }

    public int labelX() {
      return (x1 + 2 * cx + x2) / 4;
    }

    public int labelY() {
      return (y1 + 2 * cy + y2) / 4 - 4;
    }
  }

  private record Link(String from, String to, String kind, String label) {}

  public static ServiceGraph of(List<Microservice> services) {
    Map<String, Microservice> byName = new TreeMap<>();
    services.forEach(ms -> byName.put(ms.getMetadata().getName(), ms));
    List<Link> links = links(byName);
    Map<String, Integer> column = columns(byName.keySet(), links);
    Map<Integer, List<String>> byColumn = new TreeMap<>();
    column.forEach((name, c) -> byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(name));
    Map<String, Node> nodes = new LinkedHashMap<>();
    int rows = 0;
    for (var entry : byColumn.entrySet()) {
      List<String> names = entry.getValue();
      names.sort(Comparator.naturalOrder());
      for (int i = 0; i < names.size(); i++) {
        ServiceRow row = ServiceRow.of(byName.get(names.get(i)));
        nodes.put(
            names.get(i),
            new Node(
                MARGIN + entry.getKey() * COLUMN,
                MARGIN + i * ROW,
                row.name(),
                row.phase(),
                row.phaseClass(),
                row.name()));
      }
      rows = Math.max(rows, names.size());
    }
    List<Edge> edges = new ArrayList<>();
    int bow = 0;
    for (Link link : links) {
      Node a = nodes.get(link.from());
      Node b = nodes.get(link.to());
      boolean forward = b.x() > a.x();
      int x1 = forward ? a.x() + NODE_WIDTH : a.x() + NODE_WIDTH / 2;
      int y1 = forward ? a.y() + NODE_HEIGHT / 2 : a.y() + NODE_HEIGHT;
      int x2 = forward ? b.x() : b.x() + NODE_WIDTH / 2;
      int y2 = forward ? b.y() + NODE_HEIGHT / 2 : b.y() + NODE_HEIGHT;
      int span = Math.abs(b.x() - a.x()) / COLUMN;
      int below = forward && span <= 1 ? 0 : BOW * Math.max(1, span);
      bow = Math.max(bow, below);
      edges.add(
          new Edge(
              link.from(),
              link.to(),
              link.kind(),
              link.label(),
              x1,
              y1,
              x2,
              y2,
              (x1 + x2) / 2,
              Math.max(y1, y2) + below));
    }
    int columns = byColumn.isEmpty() ? 0 : byColumn.size();
    return new ServiceGraph(
        Math.max(0, 2 * MARGIN + (columns - 1) * COLUMN + NODE_WIDTH),
        Math.max(0, 2 * MARGIN + (rows - 1) * ROW + NODE_HEIGHT + bow / 2),
        List.copyOf(nodes.values()),
        edges);
  }

  private static List<Link> links(Map<String, Microservice> byName) {
    List<Link> links = new ArrayList<>();
    Map<String, List<String>> producers = new TreeMap<>();
    for (Microservice ms : byName.values()) {
      String name = ms.getMetadata().getName();
      for (String callee : ms.getSpec().dependsOn()) {
        if (byName.containsKey(callee) && !callee.equals(name)) {
          links.add(new Link(name, callee, "call", ""));
        }
      }
      Kafka kafka = ms.getSpec().kafka();
      if (kafka != null && kafka.produces() != null) {
        kafka
            .produces()
            .forEach(t -> producers.computeIfAbsent(t, k -> new ArrayList<>()).add(name));
      }
    }
    for (Microservice ms : byName.values()) {
      Kafka kafka = ms.getSpec().kafka();
      if (kafka == null || kafka.consumes() == null) {
        continue;
      }
      for (String topic : kafka.consumes()) {
        for (String producer : producers.getOrDefault(topic, List.of())) {
          if (!producer.equals(ms.getMetadata().getName())) {
            links.add(new Link(producer, ms.getMetadata().getName(), "topic", topic));
          }
        }
      }
    }
    return links;
  }

  /** Each service's column: the longest chain of links leading to it, cycles cut. */
  private static Map<String, Integer> columns(Set<String> names, List<Link> links) {
    Map<String, List<String>> incoming = new HashMap<>();
    links.forEach(l -> incoming.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l.from()));
    Map<String, Integer> column = new TreeMap<>();
    for (String name : names) {
      depth(name, incoming, column, new HashSet<>());
    }
    return column;
  }

  private static int depth(
      String name,
      Map<String, List<String>> incoming,
      Map<String, Integer> column,
      Set<String> path) {
    Integer known = column.get(name);
    if (known != null) {
      return known;
    }
    path.add(name);
    int depth = 0;
    for (String from : incoming.getOrDefault(name, List.of())) {
      if (!path.contains(from)) {
        depth = Math.max(depth, depth(from, incoming, column, path) + 1);
      }
    }
    path.remove(name);
    column.put(name, depth);
    return depth;
  }
}
