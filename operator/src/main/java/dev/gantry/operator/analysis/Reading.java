package dev.gantry.operator.analysis;

/**
 * What Prometheus answered for one metric of a check.
 *
 * @param value the canary's value; null when the query returned no data
 * @param stableValue the stable revision's value in the same window; null when not compared or no
 *     data
 * @param error why Prometheus could not be asked, if it could not
 */
public record Reading(
    String metric, String query, Double value, Double stableValue, String error) {}
