package dev.gantry.operator.api;

import java.time.Duration;
import java.util.regex.Matcher;

/**
 * Durations in the API are written the Go way ({@code 500ms}, {@code 30s}, {@code 1m30s}, {@code
 * 2h}), which is also what the API server's CEL {@code duration()} understands.
 */
public final class Durations {

  /** Schema pattern for a duration string. */
  public static final String PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  private static final java.util.regex.Pattern PART =
      java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  /** Parses a duration; throws {@link IllegalArgumentException} naming the bad text. */
  public static Duration parse(String text) {
    if (text == null || !text.matches(PATTERN)) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (use e.g. 500ms, 30s, 1m30s)");
    }
    Matcher m = PART.matcher(text);
    double millis = 0;
    while (m.find()) {
      double value = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> value;
            case "s" -> value * 1_000;
            case "m" -> value * 60_000;
            default -> value * 3_600_000;
          };
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** Prometheus form: whole seconds, or milliseconds when there is a fraction. */
  public static String toPrometheus(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  /** Protobuf JSON form ({@code 1.500s}) that Istio and Prometheus-Operator accept. */
  public static String toSeconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? (millis / 1000) + "s"
        : String.format("%d.%03ds", millis / 1000, millis % 1000);
  }
}
