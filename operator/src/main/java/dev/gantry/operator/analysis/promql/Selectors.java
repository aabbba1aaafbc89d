package dev.gantry.operator.analysis.promql;

import dev.gantry.operator.analysis.promql.Expr.Grouping;
import dev.gantry.operator.analysis.promql.Expr.MatchOp;
import dev.gantry.operator.analysis.promql.Expr.Matcher;
import dev.gantry.operator.analysis.promql.Expr.MatrixSelector;
import dev.gantry.operator.analysis.promql.Expr.Modifiers;
import dev.gantry.operator.analysis.promql.Expr.Subquery;
import dev.gantry.operator.analysis.promql.Expr.VectorSelector;
import dev.gantry.operator.analysis.promql.Lexer.Kind;
import dev.gantry.operator.analysis.promql.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parser's part for what selects series and the label lists around them: selectors and their
 * matchers, ranges and subqueries, {@code offset} and {@code @}, and the label lists of {@code by},
 * {@code without}, {@code on}, {@code ignoring} and {@code group_left}/{@code group_right}.
 */
final class Selectors {

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final Parser parser;

  Selectors(Parser parser) {
    this.parser = parser;
  }

  /**
   * {@code name}, {@code name{...}} or {@code {...}} (then {@code name} is null and {@code start}
   * is the brace).
   */
  VectorSelector selector(String name, Token start) {
    if (name != null && !parser.peek().is(Kind.LEFT_BRACE)) {
      return new VectorSelector(name, List.of(), Modifiers.NONE);
    }
    Token open = name == null ? start : parser.take();
    List<Matcher> matchers = new ArrayList<>();
    while (!parser.peek().is(Kind.RIGHT_BRACE)) {
      matchers.add(matcher(open));
      if (!parser.peek().is(Kind.RIGHT_BRACE) && !parser.peek().is(Kind.EOF)) {
        parser.expect(Kind.COMMA, "\",\" or \"}\" after a matcher");
      }
    }
    parser.take();
    if (name == null && matchers.isEmpty()) {
      throw new PromQlException(
          "a selector needs a metric name or a matcher, as in {job=\"api\"}", start.position());
    }
    return new VectorSelector(name, matchers, Modifiers.NONE);
  }

  private Matcher matcher(Token open) {
    Token label = parser.take();
    if (label.is(Kind.EOF)) {
      throw new PromQlException("unbalanced braces: this \"{\" is never closed", open.position());
    } else if (label.is(Kind.STRING)) {
      throw quotedName(label);
    } else if (!label.is(Kind.WORD)) {
      throw new PromQlException(
          "expected a label name but found " + label.describe(), label.position());
    }
    Token op = parser.take();
    MatchOp matchOp = null;
    for (MatchOp candidate : MatchOp.values()) {
      if (op.isOperator(candidate.symbol)) {
        matchOp = candidate;
      }
    }
    if (matchOp == null) {
      throw new PromQlException(
          "expected =, !=, =~ or !~ after the label "
              + label.text()
              + " but found "
              + op.describe(),
          op.position());
    }
    Token value = parser.expect(Kind.STRING, "a quoted value after " + label.text() + op.text());
    return new Matcher(label.text(), matchOp, value.value(), label.position());
  }

  /** {@code by (...)} or {@code without (...)} if that comes next; null otherwise. */
  Grouping grouping() {
    Token t = parser.peek();
    if (!t.isWord("by") && !t.isWord("without")) {
      return null;
    }
    parser.take();
    return new Grouping(t.isWord("without"), labels(t));
  }

  /** {@code (label, ...)} after {@code owner}; a trailing comma is allowed, as in Prometheus. */
  List<String> labels(Token owner) {
    Token open = parser.take();
    if (!open.is(Kind.LEFT_PAREN)) {
      throw new PromQlException(
          "expected a list of labels in parentheses after "
              + owner.text()
              + " but found "
              + open.describe(),
          open.position());
    }
    List<String> labels = new ArrayList<>();
    while (!parser.peek().is(Kind.RIGHT_PAREN)) {
      Token label = parser.take();
      if (label.is(Kind.STRING)) {
        throw quotedName(label);
      } else if (!label.is(Kind.WORD) || !LABEL.matcher(label.text()).matches()) {
        throw new PromQlException(
            "expected a label name in the list after "
                + owner.text()
                + " but found "
                + label.describe(),
            label.position());
      }
      labels.add(label.text());
      if (!parser.peek().is(Kind.RIGHT_PAREN)) {
        parser.expect(Kind.COMMA, "\",\" or \")\" in the label list");
      }
    }
    parser.take();
    return labels;
  }

  /** {@code expr[range]} or {@code expr[range:step]}; {@code open} is the bracket. */
  Expr range(Expr expr, boolean parenthesised, Token open) {
    if (expr instanceof MatrixSelector || expr instanceof Subquery) {
      throw new PromQlException("a range or subquery cannot follow another one", open.position());
    }
    String range = duration("range");
    if (parser.peek().is(Kind.COLON)) {
      parser.take();
      String step = parser.peek().is(Kind.DURATION) ? parser.take().text() : null;
      parser.expect(Kind.RIGHT_BRACKET, "\"]\" to end the subquery");
      return new Subquery(expr, range, step, Modifiers.NONE);
    }
    parser.expect(Kind.RIGHT_BRACKET, "\"]\" or \":\" in the range");
    if (parenthesised || !(expr instanceof VectorSelector selector)) {
      throw new PromQlException(
          "a range ["
              + range
              + "] can only follow a selector; other expressions take a "
              + "subquery such as ["
              + range
              + ":1m]",
          open.position());
    } else if (selector.modifiers().any()) {
      throw new PromQlException(
          "offset and @ go after the range, as in x[5m] offset 1h", open.position());
    }
    return new MatrixSelector(selector, range, Modifiers.NONE);
  }

  /** {@code expr offset d} or {@code expr @ t}; {@code t} is the offset keyword or the @. */
  Expr modifier(Expr expr, boolean parenthesised, Token t) {
    Modifiers old;
    if (expr instanceof VectorSelector selector && !parenthesised) {
      old = selector.modifiers();
    } else if (expr instanceof MatrixSelector matrix) {
      old = matrix.modifiers();
    } else if (expr instanceof Subquery subquery) {
      old = subquery.modifiers();
    } else {
      throw new PromQlException(
          t.text() + " must follow a selector, a range such as x[5m] or a subquery", t.position());
    }
    if (t.is(Kind.AT) ? old.at() != null : old.offset() != null) {
      throw new PromQlException(t.text() + " is given twice", t.position());
    }
    Modifiers mods =
        t.is(Kind.AT) ? new Modifiers(old.offset(), at()) : new Modifiers(offset(), old.at());
    if (expr instanceof VectorSelector selector) {
      return new VectorSelector(selector.name(), selector.matchers(), mods);
    } else if (expr instanceof MatrixSelector matrix) {
      return new MatrixSelector(matrix.selector(), matrix.range(), mods);
    }
    Subquery subquery = (Subquery) expr;
    return new Subquery(subquery.expr(), subquery.range(), subquery.step(), mods);
  }

  private String offset() {
    boolean negative = parser.peek().isOperator("-");
    if (negative) {
      parser.take();
    }
    return (negative ? "-" : "") + duration("offset");
  }

  private String at() {
    Token t = parser.take();
    if (t.isWord("start") || t.isWord("end")) {
      parser.expect(Kind.LEFT_PAREN, "\"(\" after " + t.text());
      parser.expect(Kind.RIGHT_PAREN, "\")\" after " + t.text() + "(");
      return Parser.lower(t.text()) + "()";
    }
    String sign = t.isOperator("-") || t.isOperator("+") ? t.text() : "";
    Token number = sign.isEmpty() ? t : parser.take();
    if (!number.is(Kind.NUMBER)
        || number.text().equalsIgnoreCase("inf")
        || number.text().equalsIgnoreCase("nan")) {
      throw new PromQlException(
          "@ takes a Unix timestamp such as 1609746000, or start() or end(), not "
              + number.describe(),
          number.position());
    }
    return sign + number.text();
  }

  private String duration(String what) {
    Token t = parser.take();
    if (t.is(Kind.DURATION)) {
      return t.text();
    } else if (t.is(Kind.NUMBER)) {
      throw new PromQlException(
          "bad duration \""
              + t.text()
              + "\" for the "
              + what
              + ": give a unit, as in "
              + t.text()
              + "s or 5m",
          t.position());
    }
    throw new PromQlException(
        "expected a duration such as 5m for the " + what + " but found " + t.describe(),
        t.position());
  }

  static PromQlException quotedName(Token t) {
    return new PromQlException(
        "quoted (UTF-8) metric and label names such as "
            + t.text()
            + " are not supported: "
            + "use names made of letters, digits and _ (and : in metric names)",
        t.position());
  }
}
