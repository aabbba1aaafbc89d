/**
 * One dependent resource per child kind. Each builds its desired objects with the pure
 * functions of {@code render} from the reconciliation's shared state, and JOSDK applies them
 * with server-side apply only when they differ from what the cluster has.
 */
package dev.gantry.operator.dependent;
