package dev.gantry.operator.compatibility;

/** A contract document as the operator found it: its text, or why there is none to read. */
public sealed interface Document {

  /** The text of the document. */
  record Text(String content) implements Document {}

  /** The document is declared but cannot be read; {@code why} says which and why. */
  record Missing(String why) implements Document {}

  /** No document is declared (or none was stored with the revision): nothing to compare. */
  record None() implements Document {}

  Document NONE = new None();

  static Document of(String content) {
    return content == null ? NONE : new Text(content);
  }
}
