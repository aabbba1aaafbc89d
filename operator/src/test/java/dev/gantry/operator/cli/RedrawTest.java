package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** status -w: in place on a terminal, appended anywhere else. */
class RedrawTest {

  @Test
  void aTerminalGetsEachVersionInPlaceOfTheLast() {
    assertThat(Redraw.frame("block\n", true, true)).isEqualTo("\u001b[H\u001b[2Jblock\n");
    assertThat(Redraw.frame("block\n", true, false)).isEqualTo("\u001b[H\u001b[2Jblock\n");
  }

  @Test
  void aPipeGetsEveryVersionAppendedABlankLineApart() {
    assertThat(Redraw.frame("block\n", false, true)).isEqualTo("block\n");
    assertThat(Redraw.frame("block\n", false, false))
        .isEqualTo(System.lineSeparator() + "block\n")
        .doesNotContain("\u001b");
  }
}
