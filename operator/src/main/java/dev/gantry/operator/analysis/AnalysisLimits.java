package dev.gantry.operator.analysis;

import java.time.Duration;

/**
 * How much of the shared Prometheus and of the operator one team's canary analysis may use: a
 * platform engineer's settings, never a team's.
 *
 * @param queriesPerMinute queries one namespace's analyses may send per minute; a check that would
 *     exceed it waits
 * @param threads checks run at once, on threads of their own, never on the reconcilers'
 * @param queryDeadline one query's whole exchange with Prometheus, answer included
 * @param maxResponseBytes larger answers are refused unread
 */
public record AnalysisLimits(
    int queriesPerMinute, int threads, Duration queryDeadline, long maxResponseBytes) {

  public static final AnalysisLimits DEFAULTS =
      new AnalysisLimits(600, 4, Duration.ofSeconds(10), 1 << 20);

  /**
   * The client's limits for one query: a connection within two seconds (or the deadline, if
   * shorter).
   */
  public PrometheusClient.Limits client() {
    Duration connect = Duration.ofSeconds(2);
    return new PrometheusClient.Limits(
        queryDeadline.compareTo(connect) < 0 ? queryDeadline : connect,
        queryDeadline,
        maxResponseBytes);
  }
}
