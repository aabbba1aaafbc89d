package dev.gantry.operator.rollout;

/**
 * Whether a Microservice may start a rollout now, as the budgets of concurrent rollouts say, and
 * otherwise where it stands in the queue.
 *
 * @param position its place in the queue when it may not start, 1 = next; 0 when open
 * @param budget the budget it waits for; null when open
 */
public record Slot(int position, Budget budget) {

  /** Free to start (or already holding a slot). */
  public static final Slot OPEN = new Slot(0, null);

  /** A budget that is taken: at most {@code limit} rollouts at once, in a namespace or in all. */
  public record Budget(String namespace, int limit) {

    /** The operator-wide budget. */
    public static Budget cluster(int limit) {
      return new Budget(null, limit);
    }

    public boolean operatorWide() {
      return namespace == null;
    }
  }

  public boolean open() {
    return budget == null;
  }
}
