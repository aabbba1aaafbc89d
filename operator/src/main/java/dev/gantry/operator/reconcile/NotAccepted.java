package dev.gantry.operator.reconcile;

import dev.gantry.operator.tenancy.Violation;
import java.util.List;

/**
 * The Microservice asks for something its pods must not have: nothing of it is applied, and its
 * status says which field and why.
 */
final class NotAccepted extends RuntimeException {

  private final transient List<Violation> violations;

  NotAccepted(List<Violation> violations) {
    super(
        violations.stream()
            .map(Violation::describe)
            .reduce((a, b) -> a + "; " + b)
            .orElse("not accepted"));
    this.violations = List.copyOf(violations);
  }

  List<Violation> violations() {
    return violations;
  }
}
