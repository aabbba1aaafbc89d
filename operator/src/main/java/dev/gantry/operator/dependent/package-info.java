/**
 * One dependent resource per child kind. Each builds its desired objects with the pure functions of
 * {@code render} from the reconciliation's shared state, and JOSDK applies them with server-side
 * apply only when they differ from what the cluster has. The conditions that switch a dependent on
 * (a kind the cluster serves, a strategy) sit beside the dependents.
 */
package dev.gantry.operator.dependent;
