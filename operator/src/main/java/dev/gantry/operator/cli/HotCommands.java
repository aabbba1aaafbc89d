package dev.gantry.operator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The command lines a release manager types most (status and the actions), read without picocli.
 * picocli 4.7's classes are Java 5 class files: the JVM verifies them the slow, old way and cannot
 * put them in a CDS archive, so building even one subcommand's model costs about 0.15 s, a third of
 * the time these commands may take. This reader takes only the plain, well-formed lines ({@code
 * [global options] COMMAND ARGS [options]}, each option once, values as {@code --opt v} or {@code
 * --opt=v}); anything else (help, a typo, {@code --}, {@code @file}, a repeated option) returns
 * null and picocli reads it, so errors and usage read exactly as they always did.
 */
final class HotCommands {

  private static final Set<String> GLOBAL_VALUES =
      Set.of("-n", "--namespace", "--kubeconfig", "--context", "--as", "--timeout");

  private HotCommands() {}

  /** The command {@code args} ask for, its fields set as picocli would; null to ask picocli. */
  static Callable<Integer> parse(GantryCli cli, String... args) {
    Callable<Integer> command = null;
    String name = null;
    List<String> positionals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("@") || arg.equals("--")) {
        return null;
      }
      if (arg.startsWith("-") && arg.length() > 1) {
        int eq = arg.indexOf('=');
        String option = eq > 0 ? arg.substring(0, eq) : arg;
        String canonical = canonical(option, name);
        if (canonical == null || !seen.add(canonical)) {
          return null;
        }
        if (isFlag(canonical)) {
          if (eq > 0) {
            return null;
          }
          setFlag(command, canonical);
          continue;
        }
        String value;
        if (eq > 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
          value = args[++i];
        } else {
          return null;
        }
        if (value.startsWith("@")) {
          return null;
        }
        set(cli, command, canonical, value);
        continue;
      }
      if (command == null) {
        command = create(arg);
        if (command == null) {
          return null;
        }
        name = arg;
        continue;
      }
      positionals.add(arg);
    }
    if (command == null || !takePositionals(command, positionals)) {
      return null;
    }
    if (command instanceof StatusCommand status) {
      status.cli = cli;
    } else {
      ((ActionCommand) command).cli = cli;
    }
    return command;
  }

  private static Callable<Integer> create(String name) {
    return switch (name) {
      case "status" -> new StatusCommand();
      case "set-weight" -> new SetWeightCommand();
      case "promote" -> new PromoteCommand();
      case "abort" -> new ActionCommand.Abort();
      case "pause" -> new ActionCommand.Pause();
      case "resume" -> new ActionCommand.Resume();
      case "undo" -> new ActionCommand.Undo();
      case "accept-breaking-change" -> new ActionCommand.AcceptBreakingChange();
      default -> null;
    };
  }

  /** The option's one name, or null when {@code subcommand} (null: none yet) has no such option. */
  private static String canonical(String option, String subcommand) {
    if (GLOBAL_VALUES.contains(option)) {
      return option.equals("-n") ? "--namespace" : option;
    }
    if (subcommand == null) {
      return null;
    }
    if (subcommand.equals("status")) {
      return option.equals("-w") || option.equals("--watch") ? "--watch" : null;
    }
    if (option.equals("--reason")) {
      return option;
    }
    return subcommand.equals("promote") && option.equals("--full") ? option : null;
  }

  private static boolean isFlag(String canonical) {
    return canonical.equals("--watch") || canonical.equals("--full");
  }

  private static void setFlag(Callable<Integer> command, String canonical) {
    if (command instanceof StatusCommand status) {
      status.watch = true;
    } else if (command instanceof PromoteCommand promote) {
      promote.full = true;
    }
  }

  private static void set(GantryCli cli, Callable<Integer> command, String option, String value) {
    switch (option) {
      case "--namespace" -> cli.namespace = value;
      case "--kubeconfig" -> cli.kubeconfig = Path.of(value);
      case "--context" -> cli.context = value;
      case "--as" -> cli.as = value;
      case "--timeout" -> cli.timeout = value;
      case "--reason" -> ((ActionCommand) command).reason = value;
      default -> throw new IllegalStateException(option);
    }
  }

  private static boolean takePositionals(Callable<Integer> command, List<String> values) {
    if (command instanceof SetWeightCommand setWeight) {
      if (values.size() != 2) {
        return false;
      }
      try {
        setWeight.weight = Integer.parseInt(values.get(1));
      } catch (NumberFormatException e) {
        return false;
      }
      setWeight.target = values.get(0);
      return true;
    }
    if (values.size() != 1) {
      return false;
    }
    if (command instanceof StatusCommand status) {
      status.name = values.get(0);
    } else {
      ((ActionCommand) command).target = values.get(0);
    }
    return true;
  }
}
