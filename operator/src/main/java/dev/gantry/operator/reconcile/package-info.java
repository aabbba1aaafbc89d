/** The reconciler: gathers what the cluster shows, asks the rollout core, applies the answer. */
package dev.gantry.operator.reconcile;
