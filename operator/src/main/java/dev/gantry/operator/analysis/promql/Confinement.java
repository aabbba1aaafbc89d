package dev.gantry.operator.analysis.promql;

import dev.gantry.operator.analysis.promql.Expr.MatchOp;
import dev.gantry.operator.analysis.promql.Expr.Matcher;
import dev.gantry.operator.analysis.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Confines a team's PromQL to the team's namespace. Teams' queries run on a Prometheus that all
 * teams share, so every vector selector — plain, in a range or subquery, in a function's or an
 * aggregation's arguments, on either side of any operator — gets {@code label="value"}. The result
 * is printed from the syntax tree, never by editing the team's text: Prometheus parses only what
 * was printed here, so a query the two parsers would read differently cannot leave a selector
 * unconfined.
 */
public final class Confinement {

  /** Longer queries are refused. */
  public static final int MAX_LENGTH = 4096;

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private Confinement() {}

  /**
   * Returns the query with {@code label="value"} added to every selector, re-printed from its
   * syntax tree. A selector that already has exactly that matcher keeps it; any other matcher on
   * the label is refused.
   *
   * @throws PromQlException with a message a team can act on (what is wrong and where, as a
   *     character offset) when the query cannot be parsed or cannot be confined
   */
  public static String confine(String query, String label, String value) {
    if (label == null || !LABEL.matcher(label).matches() || label.startsWith("__")) {
      throw new IllegalArgumentException("not a label to confine by: " + label);
    } else if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("no value to confine " + label + " to");
    } else if (query == null || query.isBlank()) {
      throw new PromQlException("the query is empty");
    } else if (query.length() > MAX_LENGTH) {
      throw new PromQlException(
          "the query is "
              + query.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed");
    }
    Matcher required = new Matcher(label, MatchOp.EQUAL, value, -1);
    return Printer.print(
        Parser.parse(query).withSelectors(selector -> confine(selector, required)));
  }

  private static VectorSelector confine(VectorSelector selector, Matcher required) {
    boolean present = false;
    for (Matcher m : selector.matchers()) {
      if (m.label().equals(required.label())
          && (m.op() != MatchOp.EQUAL || !m.value().equals(required.value()))) {
        throw new PromQlException(
            "the query may only read namespace "
                + Strings.quote(required.value())
                + ", so the matcher "
                + Printer.matcher(m)
                + " is not allowed: leave it out, or write "
                + Printer.matcher(required),
            m.position());
      }
      present |= m.label().equals(required.label());
    }
    if (present) {
      return selector;
    }
    List<Matcher> matchers = new ArrayList<>(selector.matchers());
    matchers.add(required);
    return new VectorSelector(selector.name(), matchers, selector.modifiers());
  }
}
