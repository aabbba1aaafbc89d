package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replicas a canary gets for its share of traffic: one named row per case. */
class CapacityTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # name                                                   | weight | size | mesh  | replicas
      mesh: no traffic still keeps one pod ready                 |      0 |   10 | true  | 1
      mesh: 10% of 10                                            |     10 |   10 | true  | 1
      mesh: 25% of 4                                             |     25 |    4 | true  | 1
      mesh: 50% of 4                                             |     50 |    4 | true  | 2
      mesh: 75% of 4                                             |     75 |    4 | true  | 3
      mesh: 100% is the full size                                |    100 |    4 | true  | 4
      mesh: rounds up, 10% of 3 is one pod                       |     10 |    3 | true  | 1
      mesh: rounds up, 34% of 3 is two pods                      |     34 |    3 | true  | 2
      mesh: rounds up, 1% of 1000 is ten pods                    |      1 | 1000 | true  | 10
      mesh: 33% of an odd 7                                      |     33 |    7 | true  | 3
      mesh: 50% of an odd 5                                      |     50 |    5 | true  | 3
      mesh: 99% of 5 is all five                                 |     99 |    5 | true  | 5
      mesh: a single replica at 1%                               |      1 |    1 | true  | 1
      mesh: a single replica at 100%                             |    100 |    1 | true  | 1
      mesh: the autoscaler's floor of 2 at 50%                   |     50 |    2 | true  | 1
      mesh: the autoscaler's floor of 3 at 20%                   |     20 |    3 | true  | 1
      no mesh: no traffic, no pod                                |      0 |   10 | false | 0
      no mesh: 10% beside 9 stable pods is one                   |     10 |    9 | false | 1
      no mesh: 10% beside 10 rounds to one                       |     10 |   10 | false | 1
      no mesh: 25% beside 3 stable pods is one                   |     25 |    3 | false | 1
      no mesh: 50% is as many as stable                          |     50 |    4 | false | 4
      no mesh: 75% beside 4 is twelve                            |     75 |    4 | false | 12
      no mesh: 80% beside 10 is forty                            |     80 |   10 | false | 40
      no mesh: 100% is the full size, stable is retired          |    100 |    4 | false | 4
      no mesh: a tiny share is still one pod                     |      1 |    4 | false | 1
      no mesh: 33% beside an odd 5 rounds to two                 |     33 |    5 | false | 2
      no mesh: 60% beside an odd 3 rounds to five                |     60 |    3 | false | 5
      no mesh: a single replica at 50%                           |     50 |    1 | false | 1
      no mesh: the autoscaler's floor of 2 at 20%                |     20 |    2 | false | 1
      no mesh: a service scaled to zero still tests on one pod   |     50 |    0 | false | 1
      mesh: a service scaled to zero still tests on one pod      |     10 |    0 | true  | 1
      """)
  void replicasForAShareOfTraffic(String name, int weight, int size, boolean mesh, int replicas) {
    assertThat(Capacity.forShare(weight, size, mesh)).as(name).isEqualTo(replicas);
  }
}
