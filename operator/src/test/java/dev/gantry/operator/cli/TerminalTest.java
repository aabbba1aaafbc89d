package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.Fixtures;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Text from the cluster cannot drive the terminal or forge lines. */
class TerminalTest {

  static Stream<Arguments> controlCharactersAreShownEscaped() {
    return Stream.of(
        Arguments.of("plain text stays as it is", "revision abc serves", "revision abc serves"),
        Arguments.of("escape sequence (clear screen)", "\u001b[2Jgone", "\\u001b[2Jgone"),
        Arguments.of("terminal title (OSC)", "\u001b]0;pwned\u0007", "\\u001b]0;pwned\\u0007"),
        Arguments.of("forged line", "ok\n  stable   evil  100%", "ok\\n  stable   evil  100%"),
        Arguments.of("carriage return overwrite", "rejected\rapplied", "rejected\\rapplied"),
        Arguments.of("C1 control (CSI)", "a\u009b31mb", "a\\u009b31mb"),
        Arguments.of("bidi override", "user\u202egnp.exe", "user\\u202egnp.exe"),
        Arguments.of("non-ASCII letters stay", "Zoë über café", "Zoë über café"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void controlCharactersAreShownEscaped(String description, String text, String shown) {
    assertThat(Terminal.safe(text)).as(description).isEqualTo(shown);
  }

  @Test
  void statusAndHistoryPrintClusterTextSafely() {
    var ms = Fixtures.microservice("order", "image: shop/order:1");
    ms.setStatus(
        MicroserviceStatus.builder()
            .phase(Phase.Healthy)
            .stableRevision("aaa")
            .message("serving\u001b[2J\n  canary   forged")
            .history(
                List.of(
                    new HistoryEntry(
                        "2026-01-01T00:00:00Z",
                        "mallory\u001b]0;x\u0007",
                        "Promote",
                        null,
                        "why\r",
                        "Applied",
                        "done",
                        "aaa",
                        "order-promote-1",
                        "uid")))
            .build());
    Instant now = Instant.parse("2026-01-01T00:01:00Z");
    String status = StatusView.render(ms, now);
    assertThat(status)
        .doesNotContain("\u001b")
        .doesNotContain("\r")
        .contains("serving\\u001b[2J\\n  canary   forged");
    assertThat(status.lines()).noneMatch(line -> line.startsWith("  canary"));
    String history = HistoryView.render(ms.getStatus().history(), now);
    assertThat(history)
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("mallory\\u001b]0;x\\u0007");
  }
}
