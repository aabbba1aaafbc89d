package dev.gantry.operator.rollout;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may roll out now: the budgets of concurrent rollouts, operator-wide and per namespace, shared
 * among the Microservices that claim a slot. A claim that holds a slot keeps it until its rollout
 * ends; waiting claims take the free slots first come (by when their new revision appeared), first
 * served — but a claim whose namespace budget is taken does not hold up claims of other namespaces,
 * so one team's queue never starves another's.
 */
public final class RolloutQueue {

  private RolloutQueue() {}

  /** A Microservice, by namespace and name. */
  public record Key(String namespace, String name) {}

  /**
   * A Microservice's claim on a slot.
   *
   * @param since when its new revision appeared: its place in line
   * @param holding its rollout is in progress (Progressing, Paused, promoting): it counts against
   *     the budgets
   */
  public record Claim(Key key, Instant since, boolean holding) {}

  /**
   * The budgets.
   *
   * @param operatorWide at most this many rollouts at once in all watched namespaces; empty for no
   *     limit
   * @param perNamespace at most this many in a namespace, for namespaces that set one
   */
  public record Limits(Optional<Integer> operatorWide, Map<String, Integer> perNamespace) {

    public static final Limits NONE = new Limits(Optional.empty(), Map.of());

    public Limits {
      perNamespace = Map.copyOf(perNamespace);
    }
  }

  private static final Comparator<Claim> FIRST_COME =
      Comparator.comparing(Claim::since)
          .thenComparing(c -> c.key().namespace())
          .thenComparing(c -> c.key().name());

  /**
   * Every claim's slot: {@link Slot#OPEN} for holders and for the waiting claims that fit, else
   * where the claim stands and which budget it waits for. Its place counts the waiting claims ahead
   * of it that compete for the same slots: those of its namespace when its namespace's budget is
   * taken, all that wait for the operator-wide budget (and its namespace's) when that one is.
   */
  public static Map<Key, Slot> assign(Collection<Claim> claims, Limits limits) {
    Map<Key, Slot> out = new LinkedHashMap<>();
    Map<String, Integer> running = new HashMap<>();
    int total = 0;
    for (Claim c : claims) {
      if (c.holding()) {
        running.merge(c.key().namespace(), 1, Integer::sum);
        total++;
        out.put(c.key(), Slot.OPEN);
      }
    }
    List<Claim> waiting = claims.stream().filter(c -> !c.holding()).sorted(FIRST_COME).toList();
    Map<String, Integer> aheadInNamespace = new HashMap<>();
    int aheadForOperatorWide = 0;
    for (Claim c : waiting) {
      String namespace = c.key().namespace();
      Integer namespaceLimit = limits.perNamespace().get(namespace);
      int inNamespace = running.getOrDefault(namespace, 0);
      int queuedInNamespace = aheadInNamespace.getOrDefault(namespace, 0);
      if (namespaceLimit != null && inNamespace >= namespaceLimit) {
        out.put(
            c.key(), new Slot(queuedInNamespace + 1, new Slot.Budget(namespace, namespaceLimit)));
        aheadInNamespace.merge(namespace, 1, Integer::sum);
      } else if (limits.operatorWide().isPresent() && total >= limits.operatorWide().get()) {
        out.put(
            c.key(),
            new Slot(aheadForOperatorWide + 1, Slot.Budget.cluster(limits.operatorWide().get())));
        aheadInNamespace.merge(namespace, 1, Integer::sum);
        aheadForOperatorWide++;
      } else {
        running.merge(namespace, 1, Integer::sum);
        total++;
        out.put(c.key(), Slot.OPEN);
      }
    }
    return out;
  }
}
