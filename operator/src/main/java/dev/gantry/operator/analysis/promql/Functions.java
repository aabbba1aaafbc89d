package dev.gantry.operator.analysis.promql;

import dev.gantry.operator.analysis.promql.Lexer.Token;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The functions and aggregations a query may use, and how many arguments each takes. It is an
 * allowlist: a function Prometheus adds later may read series the query does not name (as {@code
 * info} does), so it stays refused until someone has looked at it.
 */
final class Functions {

  /** At least {@code min} and at most {@code max} arguments. */
  record Arity(int min, int max) {
    String describe() {
      if (min == max) {
        return min + (min == 1 ? " argument" : " arguments");
      }
      return max == Integer.MAX_VALUE
          ? "at least " + min + " arguments"
          : min + " to " + max + " arguments";
    }
  }

  static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "avg",
          "count",
          "min",
          "max",
          "stddev",
          "stdvar",
          "group",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "limitk",
          "limit_ratio");

  /** Aggregations whose first argument is a parameter (k, φ, a label name, a ratio). */
  static final Set<String> WITH_PARAMETER =
      Set.of("topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio");

  /** Refused by name, with the reason. */
  static final Map<String, String> REFUSED =
      Map.of(
          "info",
          "it adds labels from target_info series that the query "
              + "does not name, so they cannot be confined; join target_info explicitly with on(...) group_left(...) instead");

  private static final Map<String, Arity> FUNCTIONS = functions();

  private Functions() {}

  /**
   * Refuses a call of a function that is not on the list, saying why when it is refused on purpose.
   */
  static void checkCallable(Token name) {
    String refusal = REFUSED.get(name.text());
    if (refusal != null) {
      throw new PromQlException(
          "the function " + name.text() + " is not allowed: " + refusal, name.position());
    } else if (!FUNCTIONS.containsKey(name.text())) {
      throw new PromQlException(
          "unknown or unsupported function \"" + name.text() + "\"", name.position());
    }
  }

  /** Refuses a call of an allowed function or aggregation with too few or too many arguments. */
  static void checkArguments(Token name, int count) {
    String lower = Parser.lower(name.text());
    boolean parameter = WITH_PARAMETER.contains(lower);
    Arity arity =
        AGGREGATIONS.contains(lower)
            ? new Arity(parameter ? 2 : 1, parameter ? 2 : 1)
            : FUNCTIONS.get(name.text());
    if (count < arity.min() || count > arity.max()) {
      String example =
          parameter ? ", a parameter and an expression as in " + lower + "(5, x)," : "";
      throw new PromQlException(
          lower + " takes " + arity.describe() + example + " but was given " + count,
          name.position());
    }
  }

  private static Map<String, Arity> functions() {
    Map<String, Arity> functions = new HashMap<>();
    add(functions, new Arity(0, 0), "pi", "time");
    add(
        functions,
        new Arity(0, 1),
        "day_of_month",
        "day_of_week",
        "day_of_year",
        "days_in_month",
        "hour",
        "minute",
        "month",
        "year");
    add(
        functions,
        new Arity(1, 1),
        "abs",
        "absent",
        "absent_over_time",
        "acos",
        "acosh",
        "asin",
        "asinh",
        "atan",
        "atanh",
        "avg_over_time",
        "ceil",
        "changes",
        "cos",
        "cosh",
        "count_over_time",
        "deg",
        "delta",
        "deriv",
        "exp",
        "floor",
        "histogram_avg",
        "histogram_count",
        "histogram_stddev",
        "histogram_stdvar",
        "histogram_sum",
        "idelta",
        "increase",
        "irate",
        "last_over_time",
        "ln",
        "log10",
        "log2",
        "mad_over_time",
        "max_over_time",
        "min_over_time",
        "present_over_time",
        "rad",
        "rate",
        "resets",
        "scalar",
        "sgn",
        "sin",
        "sinh",
        "sort",
        "sort_desc",
        "sqrt",
        "stddev_over_time",
        "stdvar_over_time",
        "sum_over_time",
        "tan",
        "tanh",
        "timestamp",
        "vector");
    add(functions, new Arity(1, 2), "round");
    add(
        functions,
        new Arity(2, 2),
        "clamp_max",
        "clamp_min",
        "histogram_quantile",
        "predict_linear",
        "quantile_over_time");
    add(
        functions,
        new Arity(3, 3),
        "clamp",
        "double_exponential_smoothing",
        "histogram_fraction",
        "holt_winters");
    add(functions, new Arity(5, 5), "label_replace");
    add(functions, new Arity(3, Integer.MAX_VALUE), "label_join");
    add(functions, new Arity(1, Integer.MAX_VALUE), "sort_by_label", "sort_by_label_desc");
    return Map.copyOf(functions);
  }

  private static void add(Map<String, Arity> functions, Arity arity, String... names) {
    List.of(names).forEach(name -> functions.put(name, arity));
  }
}
