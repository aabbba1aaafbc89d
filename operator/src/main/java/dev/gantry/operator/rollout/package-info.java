/**
 * The rollout as a state machine, without I/O: where it is ({@code Position}, read from and written
 * to the status), what is given ({@code Facts}), and one small unit per concern — {@code
 * SpecChanges}, {@code ActionRules}, {@code CanarySteps}, {@code BlueGreenSwitch}, {@code
 * Promotion}, {@code AnalysisJudgement}, {@code Capacity}, {@code Recovery} — each taking a {@code
 * Decision} and returning the next; {@code StatusText} holds every sentence the user reads.
 */
package dev.gantry.operator.rollout;
