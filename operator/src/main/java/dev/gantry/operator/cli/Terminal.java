package dev.gantry.operator.cli;

/**
 * Text from the cluster made safe to print. Messages, reasons, user names and the rest come from
 * objects whose authors may be anyone with write access somewhere; printed as they are, an escape
 * sequence could rewrite the screen, retitle the terminal, or a line break or bidi override forge a
 * line the operator never wrote. Every control character, and every Unicode format character that
 * reorders text, is shown escaped instead.
 */
final class Terminal {

  private Terminal() {}

  static String safe(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (printable(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      out.append(
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
          });
    }
    return out == null ? text : out.toString();
  }

  private static boolean printable(char c) {
    return !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT;
  }
}
