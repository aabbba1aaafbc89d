package dev.gantry.operator.cli;

/**
 * How {@code status -w} shows each version of what it watches. On a terminal every version replaces
 * the last, the screen cleared and the block drawn from the top left, as watch(1) does (moving the
 * cursor up by the block's lines would miss lines the terminal wrapped). Anywhere else (a pipe, a
 * file, a test) versions are appended, a blank line apart, so scripts read them all.
 */
final class Redraw {

  /** Cursor to the top left, then erase the screen: ECMA-48 CUP and ED 2. */
  static final String CLEAR = "\u001b[H\u001b[2J";

  private Redraw() {}

  /** The text that shows {@code block}, the first version shown or a later one. */
  static String frame(String block, boolean terminal, boolean first) {
    if (terminal) {
      return CLEAR + block;
    }
    return first ? block : System.lineSeparator() + block;
  }
}
