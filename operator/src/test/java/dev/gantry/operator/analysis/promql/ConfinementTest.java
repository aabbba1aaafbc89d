package dev.gantry.operator.analysis.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfinementTest {

  private static final String NS = "namespace=\"shop\"";

  static Stream<Arguments> confined() {
    return Stream.of(
        row("plain selector", "http_requests_total", "http_requests_total{" + NS + "}"),
        row(
            "existing matchers are kept, ours goes last",
            "http_requests_total{job=\"api\", code=\"500\"}",
            "http_requests_total{job=\"api\", code=\"500\", " + NS + "}"),
        row(
            "regex matchers on other labels",
            "x{pod=~\"api-.*\",status!~\"2..\",zone!=\"a\"}",
            "x{pod=~\"api-.*\", status!~\"2..\", zone!=\"a\", " + NS + "}"),
        row(
            "the same namespace is not added twice",
            "up{namespace=\"shop\",job=\"a\"}",
            "up{namespace=\"shop\", job=\"a\"}"),
        row("any metric name", "{__name__=~\".+\"}", "{__name__=~\".+\", " + NS + "}"),
        row(
            "a keyword as metric name stays a __name__ matcher",
            "{__name__=\"sum\"}",
            "{__name__=\"sum\", " + NS + "}"),
        row(
            "metric names with colons",
            "job:http_requests:rate5m",
            "job:http_requests:rate5m{" + NS + "}"),
        row("a function's name as metric name", "rate{job=\"x\"}", "rate{job=\"x\", " + NS + "}"),
        row(
            "keywords are label names inside braces",
            "x{on=\"a\",offset=\"b\",}",
            "x{on=\"a\", offset=\"b\", " + NS + "}"),
        row(
            "rate over a range",
            "rate(http_requests_total[5m])",
            "rate(http_requests_total{" + NS + "}[5m])"),
        row(
            "sum by: the label list is not a selector",
            "sum by (namespace) (rate(x[5m]))",
            "sum by (namespace) (rate(x{" + NS + "}[5m]))"),
        row(
            "sum without, after the arguments",
            "sum(rate(x[5m])) without (instance,pod,)",
            "sum without (instance, pod) (rate(x{" + NS + "}[5m]))"),
        row(
            "keywords as grouping labels",
            "max by (on, offset, bool) (x)",
            "max by (on, offset, bool) (x{" + NS + "})"),
        row(
            "topk",
            "topk(5, sum by (path) (rate(x[1m])))",
            "topk(5, sum by (path) (rate(x{" + NS + "}[1m])))"),
        row(
            "an aggregation's parameter is confined too",
            "bottomk(scalar(k), x)",
            "bottomk(scalar(k{" + NS + "}), x{" + NS + "})"),
        row(
            "count_values",
            "count_values(\"version\", build_info)",
            "count_values(\"version\", build_info{" + NS + "})"),
        row(
            "quantile with grouping",
            "quantile without (pod) (0.9, x)",
            "quantile without (pod) (0.9, x{" + NS + "})"),
        row("or", "a or b", "(a{" + NS + "} or b{" + NS + "})"),
        row("unless on", "a unless on(x) b", "(a{" + NS + "} unless on (x) b{" + NS + "})"),
        row("and with empty on", "a and on() b", "(a{" + NS + "} and on () b{" + NS + "})"),
        row(
            "ignoring with group_left",
            "a / ignoring(x) group_left(y) b",
            "(a{" + NS + "} / ignoring (x) group_left (y) b{" + NS + "})"),
        row(
            "group_right without labels keeps an explicit empty list",
            "a * on(pod) group_right sum(b)",
            "(a{" + NS + "} * on (pod) group_right () sum(b{" + NS + "}))"),
        row("comparison with bool", "a > bool 1", "(a{" + NS + "} > bool 1)"),
        row(
            "precedence of arithmetic",
            "1 + 2 * 3 - 4 / 5 % 6 atan2 7",
            "((1 + (2 * 3)) - (((4 / 5) % 6) atan2 7))"),
        row(
            "precedence of comparisons and set operators",
            "a + b > 0 and c or d unless e",
            "((((a{"
                + NS
                + "} + b{"
                + NS
                + "}) > 0) and c{"
                + NS
                + "}) or (d{"
                + NS
                + "} unless e{"
                + NS
                + "}))"),
        row(
            "keywords in any case",
            "SUM BY (job) (x) AND y OFFSET 5m",
            "(sum by (job) (x{" + NS + "}) and y{" + NS + "} offset 5m)"),
        row(
            "subquery with step",
            "max_over_time(rate(x[1m])[10m:1m])",
            "max_over_time(rate(x{" + NS + "}[1m])[10m:1m])"),
        row(
            "subquery of an operation, default step",
            "min_over_time((a - b)[1h:])",
            "min_over_time((a{" + NS + "} - b{" + NS + "})[1h:])"),
        row(
            "subquery of a signed expression keeps its parentheses",
            "(-x)[5m:]",
            "(-x{" + NS + "})[5m:]"),
        row(
            "a modified selector before a subquery is parenthesised",
            "max_over_time(x offset 5m[10m:])",
            "max_over_time((x{" + NS + "} offset 5m)[10m:])"),
        row("offset after a range", "rate(x[5m] offset 1h)", "rate(x{" + NS + "}[5m] offset 1h)"),
        row(
            "@ and negative offset, in either order",
            "x @ 1609746000 offset -5m",
            "x{" + NS + "} offset -5m @ 1609746000"),
        row(
            "@ start() and end()",
            "x offset 1d @ start() - y @ END()",
            "(x{" + NS + "} offset 1d @ start() - y{" + NS + "} @ end())"),
        row(
            "modifiers on a subquery",
            "sum_over_time(rate(x[1m])[1h:5m] offset 1w @ 1700000000.5)",
            "sum_over_time(rate(x{" + NS + "}[1m])[1h:5m] offset 1w @ 1700000000.5)"),
        row(
            "durations as written",
            "rate(x[1h30m]) + rate(y[500ms]) + rate(z[2d]) + rate(w[1y2w])",
            "(((rate(x{"
                + NS
                + "}[1h30m]) + rate(y{"
                + NS
                + "}[500ms])) + rate(z{"
                + NS
                + "}[2d])) + rate(w{"
                + NS
                + "}[1y2w]))"),
        row(
            "label_replace: the source is confined, the rewrite only renames output",
            "label_replace(x, \"namespace\", \"other\", \"\", \"\")",
            "label_replace(x{" + NS + "}, \"namespace\", \"other\", \"\", \"\")"),
        row(
            "absent",
            "absent(nonexistent{job=\"x\"})",
            "absent(nonexistent{job=\"x\", " + NS + "})"),
        row(
            "histogram_quantile",
            "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))",
            "histogram_quantile(0.99, sum by (le) (rate(x_bucket{" + NS + "}[5m])))"),
        row(
            "nested parentheses are dropped but grouping is kept",
            "(((a + b)) * ((c)))",
            "((a{" + NS + "} + b{" + NS + "}) * c{" + NS + "})"),
        row("unary minus binds looser than ^", "-2^2", "-(2 ^ 2)"),
        row("^ is right-associative", "2^3^2", "(2 ^ (3 ^ 2))"),
        row("a parenthesised sign before ^ stays parenthesised", "(-2)^2", "((-2) ^ 2)"),
        row("unary minus binds tighter than *", "-x * 2 ^ -1", "(-x{" + NS + "} * (2 ^ -1))"),
        row("signs stack", "- -x + +1", "(--x{" + NS + "} + +1)"),
        row(
            "double-quoted escapes",
            "x{a=\"tab\\there \\\"q\\\" back\\\\slash \\a\\v\"}",
            "x{a=\"tab\\there \\\"q\\\" back\\\\slash \\a\\v\", " + NS + "}"),
        row(
            "single quotes, hex, octal and unicode escapes",
            "x{a='it\\'s \\x41\\101\\u00e9\\U0001F600'}",
            "x{a=\"it's AA\\u00e9\\U0001f600\", " + NS + "}"),
        row(
            "\\x escapes are bytes of UTF-8",
            "x{a=\"\\xc3\\xa9\"}",
            "x{a=\"\\u00e9\", " + NS + "}"),
        row(
            "raw strings in backticks",
            "label_replace(x, \"svc\", \"$1\", \"host\", `(.*)\\.svc\"`)",
            "label_replace(x{" + NS + "}, \"svc\", \"$1\", \"host\", \"(.*)\\\\.svc\\\"\")"),
        row(
            "comments",
            "# error ratio\nsum(x{ # the api\n job=\"api\"}) # done",
            "sum(x{job=\"api\", " + NS + "})"),
        row(
            "numbers as written",
            "0x1F + 1e3 * 1.5E-3 - .5 + 5.",
            "(((0x1F + (1e3 * 1.5E-3)) - .5) + 5.)"),
        row(
            "Inf and NaN in any case",
            "x > -Inf or x != nan",
            "((x{" + NS + "} > -Inf) or (x{" + NS + "} != nan))"),
        row("no selector at all", "vector(1)", "vector(1)"),
        row("time", "time() - 3600", "(time() - 3600)"),
        row(
            "label_join and sort_by_label take any number of labels",
            "sort_by_label(label_join(x, \"d\", \",\", \"a\", \"b\", \"c\"), \"d\", \"a\")",
            "sort_by_label(label_join(x{"
                + NS
                + "}, \"d\", \",\", \"a\", \"b\", \"c\"), \"d\", \"a\")"));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        row(
            "another namespace",
            "x{namespace=\"other\"}",
            "may only read namespace \"shop\", so the matcher namespace=\"other\" is not allowed"),
        row(
            "any namespace by regex",
            "sum(rate(x{namespace=~\".*\"}[5m]))",
            "the matcher namespace=~\".*\""),
        row("every namespace but one", "a or b{namespace!=\"x\"}", "the matcher namespace!=\"x\""),
        row(
            "a regex that also matches ours",
            "x{namespace=~\"shop\"}",
            "the matcher namespace=~\"shop\""),
        row(
            "another namespace in a subquery",
            "max_over_time(x{namespace=\"kube-system\"}[5m:])",
            "namespace=\"kube-system\" is not allowed"),
        row(
            "unknown function",
            "foo(x)",
            "unknown or unsupported function \"foo\" (at character offset 0)"),
        row(
            "function names are case-sensitive",
            "Rate(x[5m])",
            "unknown or unsupported function \"Rate\""),
        row(
            "info reads target_info implicitly",
            "info(x)",
            "info is not allowed: it adds labels from target_info"),
        row(
            "unclosed parenthesis",
            "sum(rate(x[5m])",
            "this \"(\" is never closed (at character offset 3)"),
        row(
            "parenthesis closing nothing",
            "sum(x))",
            "this \")\" closes nothing (at character offset 6)"),
        row("unclosed brace", "x{job=\"a\"", "this \"{\" is never closed"),
        row(
            "trailing garbage",
            "sum(x) y",
            "unexpected \"y\" after a complete expression (at character offset 7)"),
        row("two expressions", "x offset 5m 1", "unexpected \"1\" after a complete expression"),
        row("empty", "", "the query is empty"),
        row("blank", " \n\t", "the query is empty"),
        row("only comments", "# nothing here", "the query is empty"),
        row(
            "too long",
            "x" + " ".repeat(4096),
            "the query is 4097 characters long; at most 4096 are allowed"),
        row(
            "too deep",
            "(".repeat(65) + "x" + ")".repeat(65),
            "the query nests more than 64 levels deep"),
        row(
            "too long a chain",
            "x" + " + x".repeat(65),
            "the query nests more than 64 levels deep"),
        row("quoted metric name", "{\"my.metric\"}", "quoted (UTF-8) metric and label names"),
        row("quoted label name", "x{\"my.label\"=\"v\"}", "quoted (UTF-8) metric and label names"),
        row(
            "quoted metric name before braces",
            "\"my.metric\"{a=\"b\"}",
            "quoted (UTF-8) metric and label names"),
        row(
            "quoted grouping label",
            "sum by (\"my.label\") (x)",
            "quoted (UTF-8) metric and label names"),
        row("dotted label name", "x{my.label=\"v\"}", "unexpected character \".\" inside {…}"),
        row("duration without unit", "rate(x[5])", "bad duration \"5\" for the range"),
        row(
            "duration units out of order",
            "rate(x[1h1d])",
            "bad duration \"1h1d\": give units from the largest"),
        row("duration unit twice", "x offset 1m1m", "bad duration \"1m1m\""),
        row("unknown duration unit", "rate(x[5x])", "bad number or duration \"5x\""),
        row("duration out of range", "rate(x[300y])", "bad duration \"300y\": too long"),
        row("duration outside a range", "x + 5m", "a duration such as 5m belongs in a range"),
        row(
            "range on an expression",
            "rate(sum(x)[5m])",
            "a range [5m] can only follow a selector"),
        row(
            "range on a parenthesised selector",
            "rate((x)[5m])",
            "a range [5m] can only follow a selector"),
        row("offset before the range", "rate(x offset 1m [5m])", "offset and @ go after the range"),
        row("offset on a function", "rate(x[5m]) offset 1m", "offset must follow a selector"),
        row("offset twice", "x offset 1m offset 2m", "offset is given twice"),
        row("@ with a non-finite time", "x @ Inf", "@ takes a Unix timestamp"),
        row(
            "a keyword as metric name",
            "x + offset",
            "\"offset\" is a PromQL keyword and cannot stand here"),
        row("an aggregation without arguments", "sum", "expected \"(\" after sum"),
        row("too many arguments", "rate(x[5m], 1)", "rate takes 1 argument but was given 2"),
        row(
            "a parameter missing",
            "topk(x)",
            "topk takes 2 arguments, a parameter and an expression"),
        row("trailing comma in arguments", "clamp_min(x, 0,)", "a trailing comma is not allowed"),
        row("bool on arithmetic", "a + bool b", "bool only goes after a comparison"),
        row(
            "group_left on a set operator",
            "a and on(x) group_left b",
            "group_left does not go with and"),
        row("an empty selector", "{}", "a selector needs a metric name or a matcher"),
        row("unknown escape", "x{a=\"\\q\"}", "unknown escape \\q"),
        row("escape of the other quote", "x{a=\"\\'\"}", "unknown escape \\'"),
        row("not UTF-8", "x{a=\"\\xff\"}", "not valid UTF-8"),
        row("unclosed string", "x{a=\"b}", "the string is never closed"),
        row("a line break in a string", "x{a=\"b\nc\"}", "the string is not closed on its line"),
        row("bad number", "1.2.3", "bad number or duration \"1.2.3\""),
        row("single =", "x = 1", "unexpected \"=\" after a complete expression"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("confined")
  void confinesEverySelector(String name, String query, String expected) {
    assertThat(Confinement.confine(query, "namespace", "shop")).isEqualTo(expected);
  }

  /** What is printed parses again to the same thing: the printer writes what the parser reads. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("confined")
  void printsAFixedPoint(String name, String query, String expected) {
    assertThat(Confinement.confine(expected, "namespace", "shop")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refuses(String name, String query, String message) {
    assertThatThrownBy(() -> Confinement.confine(query, "namespace", "shop"))
        .isInstanceOf(PromQlException.class)
        .hasMessageContaining(message);
  }

  @Test
  void saysWhereTheMatcherIs() {
    assertThatThrownBy(
            () -> Confinement.confine("a + b{job=\"x\", namespace=\"y\"}", "namespace", "shop"))
        .isInstanceOfSatisfying(PromQlException.class, e -> assertThat(e.position()).isEqualTo(15));
  }

  /** The parser never makes one, but a keyword as a bare name would not read back as a selector. */
  @Test
  void printsAKeywordNameAsANameMatcher() {
    Expr selector = new Expr.VectorSelector("sum", List.of(), Expr.Modifiers.NONE);
    assertThat(Printer.print(selector)).isEqualTo("{__name__=\"sum\"}");
  }

  @Test
  void escapesTheValue() {
    assertThat(Confinement.confine("x", "ns", "we\"ird\\\n"))
        .isEqualTo("x{ns=\"we\\\"ird\\\\\\n\"}");
  }

  @Test
  void refusesLabelsThatCannotConfine() {
    assertThatThrownBy(() -> Confinement.confine("x", "__name__", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Confinement.confine("x", "name-space", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Confinement.confine("x", "namespace", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Arguments row(String name, String query, String expected) {
    return arguments(name, query, expected);
  }
}
