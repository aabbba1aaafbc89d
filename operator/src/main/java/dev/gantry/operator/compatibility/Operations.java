package dev.gantry.operator.compatibility;

import java.util.Locale;

/**
 * Operations named as users write them, {@code METHOD /path}, and compared the way servers route
 * them: path parameters match whatever they are called ({@code /members/{id}} is {@code
 * /members/{memberId}}).
 */
public final class Operations {

  private Operations() {}

  public static String name(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }

  /** The form two operation names are compared in. */
  public static String key(String operation) {
    int space = operation.indexOf(' ');
    String method = operation.substring(0, Math.max(space, 0)).toUpperCase(Locale.ROOT);
    String path = operation.substring(space + 1).replaceAll("\\{[^}/]*}", "{}");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return method + " " + path;
  }
}
