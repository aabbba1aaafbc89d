/** The operator's own metrics (Prometheus simpleclient) and its health endpoints. */
package dev.gantry.operator.metrics;
