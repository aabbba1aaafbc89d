/**
 * How generated objects are named and labelled: shared by the builders, the rollout and the queries
 * that find a revision's metrics, so none of them depends on another for a name.
 */
package dev.gantry.operator.naming;
