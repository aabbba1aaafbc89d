/** The operator's architecture as rules the build checks: layers, no cycles, a pure core. */
package dev.gantry.operator.architecture;
