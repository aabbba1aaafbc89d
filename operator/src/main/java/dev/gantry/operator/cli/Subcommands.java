package dev.gantry.operator.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives picocli only the subcommand a command line invokes. picocli builds a reflective model of
 * every registered subcommand before parsing (about 0.2 s of a 2 s command, measured with CDS on
 * two cores); one subcommand costs a tenth of that. Everything is registered when no known
 * subcommand is named, or help is asked of the root, so usage, version and "unmatched argument"
 * read as they always did.
 */
final class Subcommands {

  private Subcommands() {}

  static void register(CommandLine root, List<Class<?>> all, String... args) {
    Class<?> invoked = invoked(root.getCommandSpec(), all, args);
    for (Class<?> type : all) {
      if (invoked == null || type == invoked) {
        root.addSubcommand(new CommandLine(type));
      }
    }
  }

  /** The subcommand {@code args} name, or null when all of them are needed. */
  static Class<?> invoked(CommandSpec root, List<Class<?>> all, String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return null;
      }
      if (arg.startsWith("-") && arg.length() > 1) {
        OptionSpec option = root.findOption(arg.contains("=") ? arg.split("=", 2)[0] : arg);
        if (option != null && (option.usageHelp() || option.versionHelp())) {
          return null;
        }
        if (option != null && !arg.contains("=") && option.arity().max() > 0) {
          i++; // its value, which may well look like a subcommand's name
        }
        continue;
      }
      return named(all, arg);
    }
    return null;
  }

  private static Class<?> named(List<Class<?>> all, String name) {
    for (Class<?> type : all) {
      Command command = type.getAnnotation(Command.class);
      if (command != null
          && (command.name().equals(name) || List.of(command.aliases()).contains(name))) {
        return type;
      }
    }
    return null;
  }
}
