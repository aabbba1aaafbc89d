package dev.gantry.operator.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many Prometheus queries each namespace's canary analyses may still send: a bucket per
 * namespace holding a minute's worth, refilled continuously. One team's many canaries, or a canary
 * with many metrics, wait for their turn rather than load the Prometheus every team shares.
 */
public final class QueryBudget {

  private final double perMinute;
  private final Map<String, Bucket> buckets = new HashMap<>();

  public QueryBudget(int perMinute) {
    this.perMinute = perMinute;
  }

  /**
   * Takes {@code queries} from the namespace's bucket if it holds them, and returns zero; or takes
   * nothing and returns how long until it will. A check that alone costs more than a minute's worth
   * is let through when the bucket is full and leaves it in debt: slowed, never starved.
   */
  public synchronized Duration take(String namespace, int queries, Instant now) {
    Bucket bucket = buckets.computeIfAbsent(namespace, n -> new Bucket(perMinute, now));
    double tokens = Math.min(perMinute, bucket.tokens + perMinute * seconds(bucket.at, now) / 60);
    double needed = Math.min(queries, perMinute);
    if (tokens >= needed) {
      buckets.put(namespace, new Bucket(tokens - queries, now));
      return Duration.ZERO;
    }
    buckets.put(namespace, new Bucket(tokens, now));
    return Duration.ofMillis((long) Math.ceil((needed - tokens) * 60_000 / perMinute));
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
  }

  private record Bucket(double tokens, Instant at) {}
}
