package dev.gantry.runtime.web;

import java.util.regex.Pattern;

/** The JSON parser's messages, told to a client: where the problem is, not the parser's setup. */
final class JsonProblems {
  private static final Pattern SOURCE =
      Pattern.compile(
          "\\s*\\n?\\s*at \\[Source: [^;]*; line: (\\d+), column: (\\d+)]", Pattern.DOTALL);

  private JsonProblems() {}

  /**
   * "Unexpected end-of-input\n at [Source: REDACTED (…); line: 1, column: 27]" → "… (line 1, column
   * 27)".
   */
  static String withoutSource(String message) {
    if (message == null) {
      return "unreadable";
    }
    return SOURCE.matcher(message).replaceAll(" (line $1, column $2)").trim();
  }
}
