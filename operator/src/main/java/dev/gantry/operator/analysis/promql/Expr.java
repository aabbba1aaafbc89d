package dev.gantry.operator.analysis.promql;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A PromQL expression's syntax tree. Parentheses are not kept: the printer puts them back around
 * every binary expression, which says the same thing unambiguously.
 */
sealed interface Expr {

  /**
   * This expression with every vector selector in it — wherever it sits — replaced by what {@code
   * rewrite} makes of it. Each kind of node must say where its selectors are, so a new kind of node
   * cannot be added without deciding that.
   */
  Expr withSelectors(UnaryOperator<VectorSelector> rewrite);

  /**
   * A number as written ({@code 1.5}, {@code 1e3}, {@code 0x1F}, {@code Inf}); a sign is a {@link
   * Unary}.
   */
  record NumberLiteral(String text) implements Expr {
    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return this;
    }
  }

  /** A string, by its value (quotes and escapes gone). */
  record StringLiteral(String value) implements Expr {
    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return this;
    }
  }

  /** {@code name{matchers}}; {@code name} is null when the selector has none. */
  record VectorSelector(String name, List<Matcher> matchers, Modifiers modifiers) implements Expr {
    public VectorSelector {
      matchers = List.copyOf(matchers);
    }

    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return rewrite.apply(this);
    }
  }

  /** {@code selector[range]}, modifiers after the range; the selector itself has none. */
  record MatrixSelector(VectorSelector selector, String range, Modifiers modifiers)
      implements Expr {
    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return new MatrixSelector(rewrite.apply(selector), range, modifiers);
    }
  }

  /** {@code expr[range:step]}; {@code step} is null when left to the evaluation interval. */
  record Subquery(Expr expr, String range, String step, Modifiers modifiers) implements Expr {
    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return new Subquery(expr.withSelectors(rewrite), range, step, modifiers);
    }
  }

  record Call(String function, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return new Call(function, args.stream().map(a -> a.withSelectors(rewrite)).toList());
    }
  }

  /** {@code operator grouping (args)}; a parameter such as topk's k is the first argument. */
  record Aggregation(String operator, Grouping grouping, List<Expr> args) implements Expr {
    public Aggregation {
      args = List.copyOf(args);
    }

    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return new Aggregation(
          operator, grouping, args.stream().map(a -> a.withSelectors(rewrite)).toList());
    }
  }

  /** {@code -operand} or {@code +operand}. */
  record Unary(String operator, Expr operand) implements Expr {
    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return new Unary(operator, operand.withSelectors(rewrite));
    }
  }

  /**
   * @param returnBool the {@code bool} modifier of a comparison
   * @param matching {@code on}/{@code ignoring} and {@code group_left}/{@code group_right}; null
   *     when absent
   */
  record Binary(String operator, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching)
      implements Expr {
    @Override
    public Expr withSelectors(UnaryOperator<VectorSelector> rewrite) {
      return new Binary(
          operator, lhs.withSelectors(rewrite), rhs.withSelectors(rewrite), returnBool, matching);
    }
  }

  /** {@code label op "value"}; {@code position} is where it was written, for messages. */
  record Matcher(String label, MatchOp op, String value, int position) {}

  enum MatchOp {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    final String symbol;

    MatchOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * {@code offset} and {@code @} as written: {@code "5m"} or {@code "-5m"}; {@code "1609746000"},
   * {@code "start()"} or {@code "end()"}. Null when absent.
   */
  record Modifiers(String offset, String at) {
    static final Modifiers NONE = new Modifiers(null, null);

    boolean any() {
      return offset != null || at != null;
    }
  }

  /** {@code by (labels)} or {@code without (labels)}. */
  record Grouping(boolean without, List<String> labels) {
    public Grouping {
      labels = List.copyOf(labels);
    }
  }

  /**
   * {@code on (labels)} or {@code ignoring (labels)}, then optionally {@code group_left (include)}
   * or {@code group_right (include)}: {@code group} is null when there is neither.
   */
  record VectorMatching(boolean on, List<String> labels, String group, List<String> include) {
    public VectorMatching {
      labels = List.copyOf(labels);
      include = List.copyOf(include);
    }
  }
}
