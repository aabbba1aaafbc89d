package dev.gantry.operator.analysis.promql;

import static java.util.Map.entry;

import dev.gantry.operator.analysis.promql.Expr.Aggregation;
import dev.gantry.operator.analysis.promql.Expr.Binary;
import dev.gantry.operator.analysis.promql.Expr.Call;
import dev.gantry.operator.analysis.promql.Expr.Grouping;
import dev.gantry.operator.analysis.promql.Expr.NumberLiteral;
import dev.gantry.operator.analysis.promql.Expr.StringLiteral;
import dev.gantry.operator.analysis.promql.Expr.Unary;
import dev.gantry.operator.analysis.promql.Expr.VectorMatching;
import dev.gantry.operator.analysis.promql.Lexer.Kind;
import dev.gantry.operator.analysis.promql.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser with Prometheus's precedence: {@code ^} (right-associative, and
 * binding tighter than a sign, so {@code -2^2} is {@code -(2^2)}), then {@code * / % atan2}, {@code
 * + -}, comparisons, {@code and unless}, {@code or}; ranges, subqueries, {@code offset} and
 * {@code @} bind tightest. It accepts no more than Prometheus does, except where a check is left to
 * Prometheus: types (a range where an instant vector is due, and the like), regular expressions,
 * and selectors whose every matcher matches the empty string, which confinement makes valid anyway.
 */
final class Parser {

  /**
   * Deeper nesting is refused, so that neither this parser nor what walks its tree runs out of
   * stack.
   */
  private static final int MAX_DEPTH = 64;

  private static final int POW = 6;
  private static final Map<String, Integer> PRECEDENCE =
      Map.ofEntries(
          entry("or", 1),
          entry("and", 2),
          entry("unless", 2),
          entry("==", 3),
          entry("!=", 3),
          entry("<=", 3),
          entry("<", 3),
          entry(">=", 3),
          entry(">", 3),
          entry("+", 4),
          entry("-", 4),
          entry("*", 5),
          entry("/", 5),
          entry("%", 5),
          entry("atan2", 5),
          entry("^", POW));
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<=", "<", ">=", ">");
  private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");

  private final List<Token> tokens;
  private final Selectors selectors;
  private int next;
  private int depth;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
    this.selectors = new Selectors(this);
  }

  static Expr parse(String query) {
    Parser parser = new Parser(Lexer.tokenize(query));
    if (parser.peek().is(Kind.EOF)) {
      throw new PromQlException("the query is empty");
    }
    Expr expr = parser.expression(0);
    Token rest = parser.peek();
    if (rest.is(Kind.RIGHT_PAREN)) {
      throw new PromQlException(
          "unbalanced parentheses: this \")\" closes nothing", rest.position());
    } else if (!rest.is(Kind.EOF)) {
      throw new PromQlException(
          "unexpected " + rest.describe() + " after a complete expression", rest.position());
    }
    return expr;
  }

  /** Binary expressions whose operators bind at least as tightly as {@code minPrecedence}. */
  private Expr expression(int minPrecedence) {
    Expr lhs = unary();
    int folds = 0;
    for (String op = binaryOperator(peek());
        op != null && PRECEDENCE.get(op) >= minPrecedence;
        op = binaryOperator(peek())) {
      enter(take());
      folds++;
      boolean returnBool = peek().isWord("bool");
      if (returnBool && !COMPARISONS.contains(op)) {
        throw new PromQlException(
            "bool only goes after a comparison (==, !=, <, <=, >, >=)", peek().position());
      } else if (returnBool) {
        take();
      }
      VectorMatching matching = matching(op);
      int precedence = PRECEDENCE.get(op);
      Expr rhs = expression(precedence == POW ? precedence : precedence + 1);
      lhs = new Binary(op, lhs, rhs, returnBool, matching);
    }
    depth -= folds;
    return lhs;
  }

  private static String binaryOperator(Token t) {
    String text = t.is(Kind.WORD) ? lower(t.text()) : t.text();
    return (t.is(Kind.WORD) || t.is(Kind.OPERATOR)) && PRECEDENCE.containsKey(text) ? text : null;
  }

  private VectorMatching matching(String op) {
    Token t = peek();
    if (!t.isWord("on") && !t.isWord("ignoring")) {
      return null;
    }
    take();
    List<String> labels = selectors.labels(t);
    Token group = peek();
    if (!group.isWord("group_left") && !group.isWord("group_right")) {
      return new VectorMatching(t.isWord("on"), labels, null, List.of());
    } else if (SET_OPERATORS.contains(op)) {
      throw new PromQlException(
          lower(group.text()) + " does not go with " + op + ", which matches whole sets",
          group.position());
    }
    take();
    List<String> include = peek().is(Kind.LEFT_PAREN) ? selectors.labels(group) : List.of();
    return new VectorMatching(t.isWord("on"), labels, lower(group.text()), include);
  }

  private Expr unary() {
    Token sign = peek();
    if (!sign.isOperator("-") && !sign.isOperator("+")) {
      return postfix();
    }
    enter(take());
    Expr operand = expression(POW);
    depth--;
    return new Unary(sign.text(), operand);
  }

  /** A primary expression and what follows it: ranges, subqueries, offset and @. */
  private Expr postfix() {
    boolean parenthesised = peek().is(Kind.LEFT_PAREN);
    Expr expr = primary();
    while (true) {
      Token t = peek();
      if (t.is(Kind.LEFT_BRACKET)) {
        expr = selectors.range(expr, parenthesised, take());
        parenthesised = false;
      } else if (t.isWord("offset") || t.is(Kind.AT)) {
        expr = selectors.modifier(expr, parenthesised, take());
      } else {
        return expr;
      }
    }
  }

  private Expr primary() {
    Token t = take();
    return switch (t.kind()) {
      case NUMBER -> new NumberLiteral(t.text());
      case STRING -> {
        if (peek().is(Kind.LEFT_BRACE)) {
          throw Selectors.quotedName(t);
        }
        yield new StringLiteral(t.value());
      }
      case LEFT_PAREN -> {
        enter(t);
        Expr inner = expression(0);
        close(t);
        depth--;
        yield inner;
      }
      case LEFT_BRACE -> selectors.selector(null, t);
      case WORD -> word(t);
      case DURATION ->
          throw new PromQlException(
              "a duration such as " + t.text() + " belongs in a range [...] or " + "after offset",
              t.position());
      default ->
          throw new PromQlException(
              "expected an expression but found " + t.describe(), t.position());
    };
  }

  private Expr word(Token t) {
    String lower = lower(t.text());
    if (Functions.AGGREGATIONS.contains(lower)) {
      return aggregation(t, lower);
    } else if (peek().is(Kind.LEFT_PAREN)) {
      return call(t);
    } else if (Lexer.KEYWORDS.contains(lower)) {
      throw new PromQlException(
          "\""
              + t.text()
              + "\" is a PromQL keyword and cannot stand here (a metric of that "
              + "name is written {__name__=\""
              + t.text()
              + "\"})",
          t.position());
    }
    return selectors.selector(t.text(), t);
  }

  private Expr call(Token t) {
    Functions.checkCallable(t);
    List<Expr> args = arguments(t);
    Functions.checkArguments(t, args.size());
    return new Call(t.text(), args);
  }

  private Expr aggregation(Token t, String op) {
    Grouping grouping = selectors.grouping();
    List<Expr> args = arguments(t);
    if (grouping == null) {
      grouping = selectors.grouping();
    }
    Functions.checkArguments(t, args.size());
    return new Aggregation(op, grouping, args);
  }

  /** {@code (expr, expr, ...)} after a function or aggregation. */
  private List<Expr> arguments(Token owner) {
    Token open = take();
    if (!open.is(Kind.LEFT_PAREN)) {
      throw new PromQlException(
          "expected \"(\" after " + owner.text() + " but found " + open.describe(),
          open.position());
    }
    enter(open);
    List<Expr> args = new ArrayList<>();
    if (!peek().is(Kind.RIGHT_PAREN) && !peek().is(Kind.EOF)) {
      args.add(expression(0));
      while (peek().is(Kind.COMMA)) {
        take();
        if (peek().is(Kind.RIGHT_PAREN)) {
          throw new PromQlException(
              "a trailing comma is not allowed after the last argument", peek().position());
        }
        args.add(expression(0));
      }
    }
    close(open);
    depth--;
    return args;
  }

  private void close(Token open) {
    Token t = take();
    if (t.is(Kind.EOF)) {
      throw new PromQlException(
          "unbalanced parentheses: this \"(\" is never closed", open.position());
    } else if (!t.is(Kind.RIGHT_PAREN)) {
      throw new PromQlException(
          "expected \")\" (for the \"(\" at offset "
              + open.position()
              + ") but found "
              + t.describe(),
          t.position());
    }
  }

  void enter(Token t) {
    if (++depth > MAX_DEPTH) {
      throw new PromQlException(
          "the query nests more than " + MAX_DEPTH + " levels deep", t.position());
    }
  }

  Token peek() {
    return tokens.get(next);
  }

  /** The next token, moving past it; the end of the query is never passed. */
  Token take() {
    Token t = tokens.get(next);
    if (!t.is(Kind.EOF)) {
      next++;
    }
    return t;
  }

  Token expect(Kind kind, String what) {
    Token t = take();
    if (!t.is(kind)) {
      throw new PromQlException("expected " + what + " but found " + t.describe(), t.position());
    }
    return t;
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
