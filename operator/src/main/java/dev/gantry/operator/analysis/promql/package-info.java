/**
 * Tenants' PromQL, parsed and re-printed from its syntax tree with every selector confined to one
 * namespace.
 */
package dev.gantry.operator.analysis.promql;
