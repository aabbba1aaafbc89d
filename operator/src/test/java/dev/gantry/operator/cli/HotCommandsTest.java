package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The hand-read command lines mean what picocli makes of them, and every other line is left to
 * picocli (null).
 */
class HotCommandsTest {

  /** What a parsed command holds, in one line, so rows compare whole. */
  private static String describe(GantryCli cli, Object command) {
    String fields;
    if (command instanceof StatusCommand s) {
      fields = "status " + s.name + " watch=" + s.watch;
    } else if (command instanceof SetWeightCommand w) {
      fields = "set-weight " + w.target + " " + w.weight + " reason=" + w.reason;
    } else if (command instanceof PromoteCommand p) {
      fields = "promote " + p.target + " full=" + p.full + " reason=" + p.reason;
    } else {
      ActionCommand a = (ActionCommand) command;
      fields = a.action() + " " + a.target + " reason=" + a.reason;
    }
    return fields
        + " | ns="
        + cli.namespace
        + " kubeconfig="
        + cli.kubeconfig
        + " context="
        + cli.context
        + " as="
        + cli.as
        + " timeout="
        + cli.timeout;
  }

  private static final String DEFAULTS =
      " | ns=null kubeconfig=null context=null as=null timeout=30s";

  static Stream<Arguments> readsPlainLines() {
    return Stream.of(
        Arguments.of(new String[] {"status", "order"}, "status order watch=false" + DEFAULTS),
        Arguments.of(
            new String[] {"status", "-w", "group/shop"}, "status group/shop watch=true" + DEFAULTS),
        Arguments.of(
            new String[] {"status", "order", "--watch"}, "status order watch=true" + DEFAULTS),
        Arguments.of(
            new String[] {"--kubeconfig", "/k", "-n", "shop", "status", "order"},
            "status order watch=false | ns=shop kubeconfig=/k context=null as=null timeout=30s"),
        Arguments.of(
            new String[] {"status", "order", "--namespace=shop", "--context", "prod"},
            "status order watch=false | ns=shop kubeconfig=null context=prod as=null timeout=30s"),
        Arguments.of(
            new String[] {"--as", "alice", "set-weight", "order", "30", "--reason", "more traffic"},
            "set-weight order 30 reason=more traffic | ns=null kubeconfig=null context=null as=alice timeout=30s"),
        Arguments.of(
            new String[] {"set-weight", "order", "130"},
            "set-weight order 130 reason=null" + DEFAULTS),
        Arguments.of(
            new String[] {"promote", "order", "--full", "--timeout=2m"},
            "promote order full=true reason=null | ns=null kubeconfig=null context=null as=null timeout=2m"),
        Arguments.of(
            new String[] {"promote", "group/shop"},
            "promote group/shop full=false reason=null" + DEFAULTS),
        Arguments.of(
            new String[] {"abort", "order", "--reason=errors"},
            "Abort order reason=errors" + DEFAULTS),
        Arguments.of(new String[] {"pause", "order"}, "Pause order reason=null" + DEFAULTS),
        Arguments.of(new String[] {"resume", "order"}, "Resume order reason=null" + DEFAULTS),
        Arguments.of(new String[] {"undo", "order"}, "Undo order reason=null" + DEFAULTS),
        Arguments.of(
            new String[] {"accept-breaking-change", "member", "--reason", "v2"},
            "AcceptBreakingChange member reason=v2" + DEFAULTS));
  }

  @ParameterizedTest
  @MethodSource
  void readsPlainLines(String[] args, String expected) {
    GantryCli cli = new GantryCli();
    Object command = HotCommands.parse(cli, args);
    assertThat(command).as(String.join(" ", args)).isNotNull();
    assertThat(describe(cli, command)).isEqualTo(expected);
  }

  /** The same lines, read by picocli as before, hold the same values. */
  @ParameterizedTest
  @MethodSource("readsPlainLines")
  void picocliReadsThemTheSame(String[] args, String expected) {
    GantryCli cli = new GantryCli();
    CommandLine line = new CommandLine(cli);
    Subcommands.register(line, GantryCli.SUBCOMMANDS, args);
    var parsed = line.parseArgs(args);
    Object command = parsed.subcommand().commandSpec().userObject();
    assertThat(describe(cli, command)).isEqualTo(expected);
  }

  static Stream<Arguments> leavesTheRestToPicocli() {
    return Stream.of(
        Arguments.of("no subcommand", new String[] {}),
        Arguments.of("root help", new String[] {"--help"}),
        Arguments.of("subcommand help", new String[] {"status", "--help"}),
        Arguments.of("version", new String[] {"-V", "status", "order"}),
        Arguments.of("another subcommand", new String[] {"history", "order"}),
        Arguments.of("unknown subcommand", new String[] {"frob", "order"}),
        Arguments.of("missing NAME", new String[] {"status"}),
        Arguments.of("extra positional", new String[] {"pause", "order", "member"}),
        Arguments.of("WEIGHT not a number", new String[] {"set-weight", "order", "abc"}),
        Arguments.of("negative WEIGHT", new String[] {"set-weight", "order", "-5"}),
        Arguments.of("missing WEIGHT", new String[] {"set-weight", "order"}),
        Arguments.of(
            "subcommand option before it", new String[] {"--reason", "x", "pause", "order"}),
        Arguments.of("-w on an action", new String[] {"pause", "order", "-w"}),
        Arguments.of("--full on pause", new String[] {"pause", "order", "--full"}),
        Arguments.of("option given twice", new String[] {"-n", "a", "status", "order", "-n", "b"}),
        Arguments.of("value missing", new String[] {"status", "order", "-n"}),
        Arguments.of("value looks like an option", new String[] {"status", "order", "-n", "-w"}),
        Arguments.of("attached short value", new String[] {"-nshop", "status", "order"}),
        Arguments.of("clustered flags", new String[] {"status", "-wh", "order"}),
        Arguments.of("flag with a value", new String[] {"status", "order", "--watch=true"}),
        Arguments.of("end of options", new String[] {"status", "--", "order"}),
        Arguments.of("argument file", new String[] {"@args.txt"}),
        Arguments.of(
            "argument file as a value", new String[] {"pause", "order", "--reason", "@why"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void leavesTheRestToPicocli(String description, String[] args) {
    assertThat(HotCommands.parse(new GantryCli(), args)).as(description).isNull();
  }

  @Test
  void theParsedCommandAnswersToTheCommandLine() {
    GantryCli cli = new GantryCli();
    var command = (ActionCommand) HotCommands.parse(cli, "--kubeconfig", "k", "undo", "order");
    assertThat(command.cli).isSameAs(cli);
    assertThat(cli.kubeconfig).isEqualTo(Path.of("k"));
  }
}
