package dev.gantry.operator.rollout;

/**
 * Something that happened to a Microservice, worth an Event.
 *
 * @param warning whether on-call should look (Event type Warning rather than Normal)
 * @param reason a CamelCase word, as Events expect
 */
public record Transition(boolean warning, String reason, String message) {}
