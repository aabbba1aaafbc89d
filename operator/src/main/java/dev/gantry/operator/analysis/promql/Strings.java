package dev.gantry.operator.analysis.promql;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * PromQL string literals. They are read as Prometheus reads them — Go's escapes, where {@code \x}
 * and octal escapes stand for bytes, not characters, so {@code "\xc3\xa9"} is {@code é} — and
 * written in one canonical form: double quotes and plain ASCII.
 */
final class Strings {

  /** A string's value and the offset just after its closing quote. */
  record Literal(String value, int end) {}

  private Strings() {}

  /**
   * Reads the literal whose opening quote ({@code "}, {@code '} or {@code `}) is at {@code start}.
   */
  static Literal read(String in, int start) {
    char quote = in.charAt(start);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = start + 1;
    while (true) {
      if (i >= in.length()) {
        throw new PromQlException("the string is never closed: add the missing " + quote, start);
      }
      char c = in.charAt(i);
      if (c == quote) {
        return new Literal(utf8(bytes, start), i + 1);
      } else if (quote != '`' && c == '\n') {
        throw new PromQlException(
            "the string is not closed on its line (write \\n for a line break)", start);
      } else if (quote != '`' && c == '\\') {
        i = escape(in, i, quote, bytes);
      } else {
        int cp = in.codePointAt(i);
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
          throw new PromQlException("the string holds a character that is not valid Unicode", i);
        }
        i += Character.charCount(cp);
        if (quote != '`'
            || cp != '\r') { // like Go, Prometheus drops carriage returns from raw strings
          bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
  }

  /** Writes the escape at {@code i} (its backslash) into the bytes; returns the offset after it. */
  private static int escape(String in, int i, char quote, ByteArrayOutputStream bytes) {
    if (i + 1 >= in.length()) {
      throw new PromQlException("the string is never closed: add the missing " + quote, i);
    }
    char e = in.charAt(i + 1);
    int simple =
        switch (e) {
          case 'a' -> 7;
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'v' -> 11;
          case '\\' -> '\\';
          default -> e == quote ? quote : -1;
        };
    if (simple >= 0) {
      bytes.write(simple);
      return i + 2;
    }
    int digits =
        switch (e) {
          case 'x' -> 2;
          case 'u' -> 4;
          case 'U' -> 8;
          case '0', '1', '2', '3', '4', '5', '6', '7' -> 3;
          default ->
              throw new PromQlException(
                  "unknown escape \\"
                      + e
                      + " in a string (write \\\\ for a backslash, "
                      + "or use a `raw string`)",
                  i);
        };
    boolean octal = e >= '0' && e <= '7';
    int from = octal ? i + 1 : i + 2;
    long value = 0;
    for (int d = from; d < from + digits; d++) {
      int digit = d < in.length() ? Character.digit(in.charAt(d), octal ? 8 : 16) : -1;
      if (digit < 0) {
        throw new PromQlException(
            "the escape \\" + e + " needs " + digits + (octal ? " octal" : " hex") + " digits", i);
      }
      value = value * (octal ? 8 : 16) + digit;
    }
    if (e == 'u' || e == 'U') {
      if (value > Character.MAX_CODE_POINT
          || value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE) {
        throw new PromQlException("the escape is not a valid Unicode code point", i);
      }
      bytes.writeBytes(Character.toString((int) value).getBytes(StandardCharsets.UTF_8));
    } else if (value > 255) {
      throw new PromQlException("the octal escape is more than a byte (\\377 at most)", i);
    } else {
      bytes.write((int) value);
    }
    return from + digits;
  }

  private static String utf8(ByteArrayOutputStream bytes, int start) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PromQlException(
          "the string is not valid UTF-8 once its \\x and octal escapes are read", start);
    }
  }

  /**
   * The canonical literal: double quotes, and everything but printable ASCII escaped, so the
   * printed query is plain ASCII and no character in it can be read two ways.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    value
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 7 -> out.append("\\a");
                case 11 -> out.append("\\v");
                default -> {
                  if (cp >= 0x20 && cp < 0x7f) {
                    out.appendCodePoint(cp);
                  } else {
                    out.append(
                        cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                  }
                }
              }
            });
    return out.append('"').toString();
  }
}
