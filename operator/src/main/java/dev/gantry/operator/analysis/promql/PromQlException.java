package dev.gantry.operator.analysis.promql;

/**
 * A query that cannot be parsed or cannot be confined. The message is meant for the team that wrote
 * the query: what is wrong and, where it is known, the character offset (from 0) of the place in
 * the query.
 */
public final class PromQlException extends RuntimeException {

  private final int position;

  PromQlException(String problem, int position) {
    super(position < 0 ? problem : problem + " (at character offset " + position + ")");
    this.position = position;
  }

  PromQlException(String problem) {
    this(problem, -1);
  }

  /**
   * Where in the query the problem is, counted in characters from 0; -1 for the query as a whole.
   */
  public int position() {
    return position;
  }
}
