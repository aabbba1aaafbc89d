package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** picocli gets only the subcommand a line invokes, and all of them when usage may be printed. */
class SubcommandsTest {

  static Stream<Arguments> registersWhatTheLineNeeds() {
    return Stream.of(
        Arguments.of(new String[] {"history", "order"}, "[history]"),
        Arguments.of(new String[] {"-n", "status", "history", "order"}, "[history]"),
        Arguments.of(new String[] {"--namespace=shop", "kafka-acls", "-A"}, "[kafka-acls]"),
        Arguments.of(new String[] {"--kubeconfig", "promote", "api-diff", "x"}, "[api-diff]"),
        Arguments.of(new String[] {"status", "--help"}, "[status]"),
        Arguments.of(new String[] {}, "all"),
        Arguments.of(new String[] {"--help"}, "all"),
        Arguments.of(new String[] {"-h", "status"}, "all"),
        Arguments.of(new String[] {"--version"}, "all"),
        Arguments.of(new String[] {"frob"}, "all"),
        Arguments.of(new String[] {"--", "status"}, "all"));
  }

  @ParameterizedTest
  @MethodSource
  void registersWhatTheLineNeeds(String[] args, String registered) {
    CommandLine line = new CommandLine(new GantryCli());
    Subcommands.register(line, GantryCli.SUBCOMMANDS, args);
    var names = line.getSubcommands().keySet();
    assertThat(names.size() == GantryCli.SUBCOMMANDS.size() ? "all" : names.toString())
        .isEqualTo(registered);
  }
}
