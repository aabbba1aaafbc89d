/**
 * Canary analysis: the PromQL each metric is measured with, and the verdicts — pass, fail or
 * inconclusive — judged from the measurements without I/O. The Prometheus client is the one piece
 * here that talks to the network.
 */
package dev.gantry.operator.analysis;
