package dev.gantry.operator.analysis.promql;

import dev.gantry.operator.analysis.promql.Expr.Aggregation;
import dev.gantry.operator.analysis.promql.Expr.Binary;
import dev.gantry.operator.analysis.promql.Expr.Call;
import dev.gantry.operator.analysis.promql.Expr.Matcher;
import dev.gantry.operator.analysis.promql.Expr.MatrixSelector;
import dev.gantry.operator.analysis.promql.Expr.Modifiers;
import dev.gantry.operator.analysis.promql.Expr.NumberLiteral;
import dev.gantry.operator.analysis.promql.Expr.StringLiteral;
import dev.gantry.operator.analysis.promql.Expr.Subquery;
import dev.gantry.operator.analysis.promql.Expr.Unary;
import dev.gantry.operator.analysis.promql.Expr.VectorMatching;
import dev.gantry.operator.analysis.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints a syntax tree as PromQL that Prometheus reads back into the same tree. Every binary
 * expression is parenthesised; so is an operand wherever Prometheus would otherwise group
 * differently from the tree: a signed left side of {@code ^} ({@code -2^2} is {@code -(2^2)}), and
 * a signed or modified expression before a subquery's brackets. Label lists are always written out,
 * even empty, so that {@code group_left} is never taken to own the parentheses of the expression
 * after it.
 */
final class Printer {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private Printer() {}

  static String print(Expr expr) {
    StringBuilder out = new StringBuilder();
    print(out, expr);
    return out.toString();
  }

  /** {@code label op "value"}. */
  static String matcher(Matcher m) {
    return m.label() + m.op().symbol + Strings.quote(m.value());
  }

  private static void print(StringBuilder out, Expr expr) {
    if (expr instanceof NumberLiteral number) {
      out.append(number.text());
    } else if (expr instanceof StringLiteral string) {
      out.append(Strings.quote(string.value()));
    } else if (expr instanceof VectorSelector selector) {
      selector(out, selector);
      modifiers(out, selector.modifiers());
    } else if (expr instanceof MatrixSelector matrix) {
      selector(out, matrix.selector());
      out.append('[').append(matrix.range()).append(']');
      modifiers(out, matrix.modifiers());
    } else if (expr instanceof Subquery subquery) {
      Expr inner = subquery.expr();
      boolean modified = inner instanceof VectorSelector selector && selector.modifiers().any();
      operand(
          out,
          inner,
          modified
              || inner instanceof Unary
              || inner instanceof MatrixSelector
              || inner instanceof Subquery);
      out.append('[')
          .append(subquery.range())
          .append(':')
          .append(subquery.step() == null ? "" : subquery.step())
          .append(']');
      modifiers(out, subquery.modifiers());
    } else if (expr instanceof Call call) {
      out.append(call.function());
      arguments(out, call.args());
    } else if (expr instanceof Aggregation aggregation) {
      out.append(aggregation.operator());
      if (aggregation.grouping() != null) {
        out.append(aggregation.grouping().without() ? " without " : " by ");
        labels(out, aggregation.grouping().labels());
        out.append(' ');
      }
      arguments(out, aggregation.args());
    } else if (expr instanceof Unary unary) {
      out.append(unary.operator());
      print(out, unary.operand());
    } else if (expr instanceof Binary binary) {
      binary(out, binary);
    } else {
      throw new IllegalStateException("no way to print " + expr);
    }
  }

  private static void binary(StringBuilder out, Binary binary) {
    out.append('(');
    operand(out, binary.lhs(), binary.operator().equals("^") && binary.lhs() instanceof Unary);
    out.append(' ').append(binary.operator()).append(' ');
    if (binary.returnBool()) {
      out.append("bool ");
    }
    VectorMatching matching = binary.matching();
    if (matching != null) {
      out.append(matching.on() ? "on " : "ignoring ");
      labels(out, matching.labels());
      out.append(' ');
      if (matching.group() != null) {
        out.append(matching.group()).append(' ');
        labels(out, matching.include());
        out.append(' ');
      }
    }
    print(out, binary.rhs());
    out.append(')');
  }

  private static void operand(StringBuilder out, Expr expr, boolean parenthesise) {
    out.append(parenthesise ? "(" : "");
    print(out, expr);
    out.append(parenthesise ? ")" : "");
  }

  /**
   * {@code name{matchers}}. A name that Prometheus would read as a keyword, or that is not a plain
   * name at all, is written as a {@code __name__} matcher instead: the parser yields no such name,
   * but what is printed here must read back as a selector whatever the tree holds.
   */
  private static void selector(StringBuilder out, VectorSelector selector) {
    String name = selector.name();
    boolean bare =
        name != null
            && METRIC_NAME.matcher(name).matches()
            && !Lexer.KEYWORDS.contains(Parser.lower(name));
    List<String> matchers = new ArrayList<>();
    if (name != null && !bare) {
      matchers.add("__name__=" + Strings.quote(name));
    }
    selector.matchers().forEach(m -> matchers.add(matcher(m)));
    out.append(bare ? name : "");
    if (!bare || !matchers.isEmpty()) {
      out.append('{').append(String.join(", ", matchers)).append('}');
    }
  }

  private static void modifiers(StringBuilder out, Modifiers modifiers) {
    if (modifiers.offset() != null) {
      out.append(" offset ").append(modifiers.offset());
    }
    if (modifiers.at() != null) {
      out.append(" @ ").append(modifiers.at());
    }
  }

  private static void arguments(StringBuilder out, List<Expr> args) {
    out.append('(');
    for (int i = 0; i < args.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      print(out, args.get(i));
    }
    out.append(')');
  }

  private static void labels(StringBuilder out, List<String> labels) {
    out.append('(').append(String.join(", ", labels)).append(')');
  }
}
