package dev.gantry.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options of the local-run launchers. */
final class Options {
  private Options() {}

  static Map<String, String> parse(String[] args, List<String> known) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !known.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: --" + String.join(" VALUE --", known) + " VALUE");
      }
      options.put(name, args[++i]);
    }
    return options;
  }
}
