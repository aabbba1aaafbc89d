package dev.gantry.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryBudgetTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void aNamespaceSpendsAMinutesWorthThenWaitsForTheRefill() {
    QueryBudget budget = new QueryBudget(60);
    assertThat(budget.take("shop", 40, T0)).isZero();
    assertThat(budget.take("shop", 20, T0)).isZero();
    // Empty: 5 queries at one a second take five seconds to come back.
    assertThat(budget.take("shop", 5, T0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(budget.take("shop", 5, T0.plusSeconds(5))).isZero();
  }

  @Test
  void oneNamespaceSpendingAllLeavesTheOthersTheirs() {
    QueryBudget budget = new QueryBudget(60);
    assertThat(budget.take("greedy", 60, T0)).isZero();
    assertThat(budget.take("greedy", 1, T0)).isPositive();
    assertThat(budget.take("shop", 60, T0)).isZero();
  }

  @Test
  void aCheckCostingMoreThanAMinuteIsSlowedNeverStarved() {
    QueryBudget budget = new QueryBudget(10);
    assertThat(budget.take("shop", 33, T0)).isZero();
    assertThat(budget.take("shop", 33, T0)).isEqualTo(Duration.ofSeconds(198));
    assertThat(budget.take("shop", 33, T0.plusSeconds(198))).isZero();
  }

  @Test
  void theBucketNeverHoldsMoreThanAMinutesWorth() {
    QueryBudget budget = new QueryBudget(60);
    assertThat(budget.take("shop", 1, T0)).isZero();
    Instant muchLater = T0.plus(Duration.ofHours(1));
    assertThat(budget.take("shop", 60, muchLater)).isZero();
    assertThat(budget.take("shop", 1, muchLater)).isPositive();
  }
}
