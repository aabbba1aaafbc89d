package dev.gantry.operator.analysis.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Splits a query into tokens the way Prometheus's lexer does, for the part of PromQL the parser
 * accepts. Like Prometheus it has three modes: inside braces every word is a label name (so {@code
 * {on="x"}} names a label), inside brackets there are only durations and a colon, and elsewhere a
 * word may be a keyword, a metric name (which may hold ':') or a function name.
 */
final class Lexer {

  enum Kind {
    WORD,
    NUMBER,
    DURATION,
    STRING,
    OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACE,
    RIGHT_BRACE,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    COLON,
    AT,
    EOF
  }

  /**
   * @param text as written in the query
   * @param value what a string means once its quotes and escapes are gone; otherwise the text
   * @param position character offset in the query
   */
  record Token(Kind kind, String text, String value, int position) {

    boolean is(Kind k) {
      return kind == k;
    }

    /** Keywords are read whatever their case, as Prometheus does. */
    boolean isWord(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isOperator(String operator) {
      return kind == Kind.OPERATOR && text.equals(operator);
    }

    String describe() {
      return kind == Kind.EOF ? "the end of the query" : "\"" + text + "\"";
    }
  }

  /**
   * Words that Prometheus reads as keywords (aggregations among them), in any case, outside braces:
   * none is taken for a metric name. {@code step}, {@code anchored} and {@code smoothed} are
   * reserved too, in case a newer Prometheus reads them as keywords; a team loses nothing, as
   * {@code {__name__="step"}} still selects such a metric.
   */
  static final Set<String> KEYWORDS =
      Stream.concat(
              Functions.AGGREGATIONS.stream(),
              Stream.of(
                  "and",
                  "or",
                  "unless",
                  "atan2",
                  "offset",
                  "by",
                  "without",
                  "on",
                  "ignoring",
                  "group_left",
                  "group_right",
                  "bool",
                  "start",
                  "end",
                  "step",
                  "anchored",
                  "smoothed",
                  "inf",
                  "nan"))
          .collect(Collectors.toUnmodifiableSet());

  private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|[smhdwy]))+");
  private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)(ms|[smhdwy])");
  private static final List<String> UNITS = List.of("y", "w", "d", "h", "m", "s", "ms");
  private static final long[] UNIT_NANOS = {
    365 * 86_400_000_000_000L,
    7 * 86_400_000_000_000L,
    86_400_000_000_000L,
    3_600_000_000_000L,
    60_000_000_000L,
    1_000_000_000L,
    1_000_000L
  };
  private static final Pattern NUMBER =
      Pattern.compile("0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern STATEMENT_WORD = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_WORD = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern OPERATORS = Pattern.compile("==|!=|<=|>=|[-+*/%^<>=]");
  private static final Pattern MATCH_OPERATORS = Pattern.compile("=~|!~|!=|=");

  private final String in;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private boolean inBraces;
  private boolean inBrackets;

  private Lexer(String in) {
    this.in = in;
  }

  /**
   * The query's tokens, ending with one of kind {@link Kind#EOF}; comments and spaces are dropped.
   */
  static List<Token> tokenize(String query) {
    return new Lexer(query).run();
  }

  private List<Token> run() {
    while (true) {
      skipSpacesAndComments();
      if (pos >= in.length()) {
        tokens.add(new Token(Kind.EOF, "", "", pos));
        return tokens;
      }
      char c = in.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        int start = pos;
        Strings.Literal literal = Strings.read(in, start);
        pos = literal.end();
        tokens.add(new Token(Kind.STRING, in.substring(start, pos), literal.value(), start));
      } else if (inBrackets) {
        insideBrackets(c);
      } else if (inBraces) {
        insideBraces(c);
      } else {
        statement(c);
      }
    }
  }

  private void statement(char c) {
    switch (c) {
      case '(' -> single(Kind.LEFT_PAREN);
      case ')' -> single(Kind.RIGHT_PAREN);
      case ',' -> single(Kind.COMMA);
      case '@' -> single(Kind.AT);
      case ']' -> single(Kind.RIGHT_BRACKET);
      case '}' -> single(Kind.RIGHT_BRACE);
      case '{' -> {
        single(Kind.LEFT_BRACE);
        inBraces = true;
      }
      case '[' -> {
        single(Kind.LEFT_BRACKET);
        inBrackets = true;
      }
      default -> {
        if (isDigit(c) || c == '.' && pos + 1 < in.length() && isDigit(in.charAt(pos + 1))) {
          numberOrDuration();
        } else if (!match(STATEMENT_WORD, Kind.WORD) && !match(OPERATORS, Kind.OPERATOR)) {
          throw unexpected(c, "");
        }
      }
    }
  }

  private void insideBraces(char c) {
    if (c == ',') {
      single(Kind.COMMA);
    } else if (c == '}') {
      single(Kind.RIGHT_BRACE);
      inBraces = false;
    } else if (!match(LABEL_WORD, Kind.WORD) && !match(MATCH_OPERATORS, Kind.OPERATOR)) {
      throw unexpected(
          c, " inside {…}: label names are made of letters, digits and _, and values are quoted");
    }
  }

  private void insideBrackets(char c) {
    if (c == ':') {
      single(Kind.COLON);
    } else if (c == ']') {
      single(Kind.RIGHT_BRACKET);
      inBrackets = false;
    } else if (isDigit(c)) {
      numberOrDuration();
    } else {
      throw unexpected(c, " inside […]: write a duration such as 5m, or 5m:1m for a subquery");
    }
  }

  private void numberOrDuration() {
    int start = pos;
    if (lookingAt(DURATION)) {
      checkDuration(in.substring(start, pos), start);
      tokens.add(
          new Token(Kind.DURATION, in.substring(start, pos), in.substring(start, pos), start));
    } else if (lookingAt(NUMBER)) {
      tokens.add(new Token(Kind.NUMBER, in.substring(start, pos), in.substring(start, pos), start));
    } else {
      int end = start;
      while (end < in.length() && (isWordChar(in.charAt(end)) || in.charAt(end) == '.')) {
        end++;
      }
      throw new PromQlException(
          "bad number or duration \""
              + in.substring(start, end)
              + "\": write a number such as "
              + "1.5, 1e3 or 0x1F, or a duration such as 90s, 1h30m or 500ms",
          start);
    }
  }

  /** Moves past the pattern if it matches here and is not followed by more of a word or number. */
  private boolean lookingAt(Pattern pattern) {
    Matcher m = pattern.matcher(in).region(pos, in.length());
    if (!m.lookingAt()
        || m.end() < in.length() && (isWordChar(in.charAt(m.end())) || in.charAt(m.end()) == '.')) {
      return false;
    }
    pos = m.end();
    return true;
  }

  /**
   * Prometheus wants a duration's units from the largest to the smallest, each at most once, and
   * the whole to fit in 64-bit nanoseconds.
   */
  private static void checkDuration(String text, int position) {
    Matcher part = DURATION_PART.matcher(text);
    int lastUnit = -1;
    long nanos = 0;
    while (part.find()) {
      int unit = UNITS.indexOf(part.group(2));
      if (unit <= lastUnit) {
        throw new PromQlException(
            "bad duration \""
                + text
                + "\": give units from the largest to the smallest "
                + "(y, w, d, h, m, s, ms), each at most once",
            position);
      }
      lastUnit = unit;
      try {
        nanos =
            Math.addExact(
                nanos, Math.multiplyExact(Long.parseLong(part.group(1)), UNIT_NANOS[unit]));
      } catch (ArithmeticException | NumberFormatException e) {
        throw new PromQlException("bad duration \"" + text + "\": too long", position);
      }
    }
  }

  /** Adds a token if the pattern matches here; numbers spelt as words (Inf, NaN) become numbers. */
  private boolean match(Pattern pattern, Kind kind) {
    Matcher m = pattern.matcher(in).region(pos, in.length());
    if (!m.lookingAt()) {
      return false;
    }
    String text = m.group();
    String lower = text.toLowerCase(Locale.ROOT);
    boolean number = kind == Kind.WORD && !inBraces && (lower.equals("inf") || lower.equals("nan"));
    tokens.add(new Token(number ? Kind.NUMBER : kind, text, text, pos));
    pos = m.end();
    return true;
  }

  private void single(Kind kind) {
    tokens.add(new Token(kind, in.substring(pos, pos + 1), in.substring(pos, pos + 1), pos));
    pos++;
  }

  private void skipSpacesAndComments() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == '#') {
        while (pos < in.length() && in.charAt(pos) != '\n' && in.charAt(pos) != '\r') {
          pos++;
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private PromQlException unexpected(char c, String hint) {
    return new PromQlException("unexpected character \"" + c + "\"" + hint, pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return isDigit(c) || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
