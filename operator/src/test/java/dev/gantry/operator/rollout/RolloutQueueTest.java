package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.rollout.RolloutQueue.Claim;
import dev.gantry.operator.rollout.RolloutQueue.Key;
import dev.gantry.operator.rollout.RolloutQueue.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may roll out, as a table: claims (held or waiting since a minute) and budgets in, slots out.
 */
class RolloutQueueTest {

  /**
   * A claim written {@code ns/name@minute} waits since that minute; {@code ns/name*} holds a slot.
   * A slot is written {@code open}, {@code 2 ns:web/1} (second in line for web's budget of 1) or
   * {@code 1 all/3} (first in line for the operator-wide budget of 3).
   */
  static Stream<Arguments> table() {
    return Stream.of(
        row("no budgets: everyone starts", none(), "a/x@1 a/y@2", "a/x open", "a/y open"),
        row(
            "holders keep their slots even over a lowered budget",
            all(1),
            "a/x* a/y* a/z@1",
            "a/x open",
            "a/y open",
            "a/z 1 all/1"),
        row(
            "first come, first served",
            all(2),
            "a/late@9 a/early@1 a/middle@5",
            "a/early open",
            "a/middle open",
            "a/late 1 all/2"),
        row(
            "the same minute: by namespace, then name",
            all(1),
            "b/a@1 a/b@1",
            "a/b open",
            "b/a 1 all/1"),
        row(
            "a namespace's full budget does not hold up other namespaces",
            ns("web", 1),
            "web/x* web/y@1 web/z@2 shop/w@3",
            "web/y 1 ns:web/1",
            "web/z 2 ns:web/1",
            "shop/w open"),
        row(
            "both budgets: the namespace is asked first",
            both(2, "web", 1),
            "web/x* web/y@1 shop/w@2 shop/v@3",
            "web/y 1 ns:web/1",
            "shop/w open",
            "shop/v 1 all/2"),
        row(
            "a place counts only those competing for the same slots",
            both(1, "web", 1),
            "shop/h* web/a@1 shop/b@2 web/c@3",
            "web/a 1 all/1",
            "shop/b 2 all/1",
            "web/c 3 all/1"),
        row(
            "zero freezes a namespace",
            ns("web", 0),
            "web/x@1 shop/y@2",
            "web/x 1 ns:web/0",
            "shop/y open"),
        row(
            "slots freed go to the first in line",
            all(3),
            "a/x* a/y@1 a/z@2 a/w@3",
            "a/y open",
            "a/z open",
            "a/w 1 all/3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void assigns(String name, Limits limits, String claims, List<String> expected) {
    List<Claim> parsed = new ArrayList<>();
    for (String c : claims.split(" ")) {
      boolean holding = c.endsWith("*");
      String[] at = c.replace("*", "").split("@");
      parsed.add(
          new Claim(
              key(at[0]),
              Instant.EPOCH.plusSeconds(60L * (holding ? 0 : Integer.parseInt(at[1]))),
              holding));
    }
    Map<Key, Slot> slots = RolloutQueue.assign(parsed, limits);
    for (String e : expected) {
      String[] parts = e.split(" ", 2);
      assertThat(describe(slots.get(key(parts[0])))).as(parts[0]).isEqualTo(parts[1]);
    }
  }

  private static String describe(Slot slot) {
    if (slot.open()) {
      return "open";
    }
    Slot.Budget b = slot.budget();
    return slot.position()
        + " "
        + (b.operatorWide() ? "all" : "ns:" + b.namespace())
        + "/"
        + b.limit();
  }

  private static Key key(String ref) {
    String[] parts = ref.split("/");
    return new Key(parts[0], parts[1]);
  }

  private static Arguments row(String name, Limits limits, String claims, String... expected) {
    return Arguments.of(name, limits, claims, List.of(expected));
  }

  private static Limits none() {
    return Limits.NONE;
  }

  private static Limits all(int limit) {
    return new Limits(Optional.of(limit), Map.of());
  }

  private static Limits ns(String namespace, int limit) {
    return new Limits(Optional.empty(), Map.of(namespace, limit));
  }

  private static Limits both(int all, String namespace, int limit) {
    return new Limits(Optional.of(all), Map.of(namespace, limit));
  }
}
