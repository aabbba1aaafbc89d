package dev.gantry.operator.cli;

import java.util.Locale;

/**
 * What a command acts on: a Microservice ({@code order}) or a release group ({@code group/shop};
 * {@code rg/shop} and {@code releasegroup/shop} too, as kubectl spells kinds).
 */
record Subject(String name, boolean group) {

  static Subject parse(String argument) {
    int slash = argument.indexOf('/');
    if (slash < 0) {
      return new Subject(argument, false);
    }
    String kind = argument.substring(0, slash).toLowerCase(Locale.ROOT);
    String name = argument.substring(slash + 1);
    return switch (kind) {
      case "group", "rg", "releasegroup", "releasegroups" -> new Subject(name, true);
      case "msvc", "microservice", "microservices" -> new Subject(name, false);
      default ->
          throw new GantryCli.CliException(
              "unknown kind " + kind + ": name a Microservice (order) or a group (group/shop)");
    };
  }
}
