/**
 * Test support: the real local control plane, the operator in and out of process, the audit log.
 */
package dev.gantry.operator.testing;
