package dev.gantry.operator.rollout;

import dev.gantry.operator.api.ReleaseActionSpec;

/** A ReleaseAction addressed to this Microservice that has no outcome yet. */
public record PendingAction(String name, String uid, ReleaseActionSpec spec) {}
