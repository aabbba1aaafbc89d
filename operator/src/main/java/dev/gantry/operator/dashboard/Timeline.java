package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The canary weight and analysis measurements of each current release, as seen over time. The
 * status holds only the latest values, so the series grow from what the dashboard's watches observe
 * (and the weights named in the release history); a new canary revision starts new series. Bounded:
 * {@link #LIMIT} points per series.
 */
public final class Timeline {

  static final int LIMIT = 720;

  /** What was observed of one release. Points are (epoch seconds, value). */
  public record Series(
      String revision, List<Point> weights, Map<String, List<Measured>> measurements) {
    public static final Series EMPTY = new Series(null, List.of(), Map.of());
  }

  public record Point(long time, double value) {}

  /** One check of one metric: the canary's value and the stable revision's, when measured. */
  public record Measured(long time, Double canary, Double stable) {}

  private final Map<String, Release> releases = new ConcurrentHashMap<>();

  /** Records what {@code ms} shows now, as of {@code now}. */
  public void observe(Microservice ms, Instant now) {
    MicroserviceStatus s = ms.getStatus();
    if (s == null || s.canaryRevision() == null) {
      return;
    }
    String key = key(ms.getMetadata().getNamespace(), ms.getMetadata().getName());
    Release release =
        releases.compute(
            key,
            (k, old) ->
                old != null && old.revision.equals(s.canaryRevision())
                    ? old
                    : new Release(s.canaryRevision(), s.history()));
    release.record(s, now);
  }

  /** Forgets a deleted Microservice. */
  public void forget(String namespace, String name) {
    releases.remove(key(namespace, name));
  }

  /** The series of the current release of {@code namespace/name}, a copy. */
  public Series series(String namespace, String name) {
    Release release = releases.get(key(namespace, name));
    return release == null ? Series.EMPTY : release.snapshot();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static long seconds(String time) {
    try {
      return time == null ? -1 : Instant.parse(time).getEpochSecond();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  private static final class Release {
    private final String revision;
    private final List<Point> weights = new ArrayList<>();
    private final Map<String, List<Measured>> measurements = new LinkedHashMap<>();
    private String lastCheck;

    Release(String revision, List<HistoryEntry> history) {
      this.revision = revision;
      for (HistoryEntry h : history) {
        long t = seconds(h.time());
        if (h.weight() != null && t >= 0 && revision.equals(h.revision())) {
          add(weights, new Point(t, h.weight()));
        }
      }
    }

    synchronized void record(MicroserviceStatus s, Instant now) {
      double weight = s.canaryWeight() == null ? 0 : s.canaryWeight();
      if (weights.isEmpty() || weights.get(weights.size() - 1).value() != weight) {
        add(weights, new Point(now.getEpochSecond(), weight));
      }
      AnalysisStatus a = s.analysis();
      if (a != null
          && revision.equals(a.revision())
          && a.checkedAt() != null
          && !Objects.equals(a.checkedAt(), lastCheck)) {
        lastCheck = a.checkedAt();
        long t = seconds(a.checkedAt());
        for (AnalysisStatus.Measurement m : a.measurements()) {
          add(
              measurements.computeIfAbsent(m.metric(), k -> new ArrayList<>()),
              new Measured(t < 0 ? now.getEpochSecond() : t, m.value(), m.stableValue()));
        }
      }
    }

    synchronized Series snapshot() {
      Map<String, List<Measured>> copy = new LinkedHashMap<>();
      measurements.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new Series(revision, List.copyOf(weights), copy);
    }

    private static <T> void add(List<T> series, T point) {
      series.add(point);
      if (series.size() > LIMIT) {
        series.remove(0);
      }
    }
  }
}
