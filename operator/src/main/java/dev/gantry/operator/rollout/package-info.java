/**
 * The rollout state machine: from the spec, the last status and what runs now, decide which
 * revisions run at what size, how traffic is split, and what the status says. Pure functions.
 */
package dev.gantry.operator.rollout;
