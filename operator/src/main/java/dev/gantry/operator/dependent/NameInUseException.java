package dev.gantry.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An object Gantry would write for a Microservice already exists and is not that Microservice's.
 * Gantry never adopts it or runs on top of it: a pod must not run under a ServiceAccount, or read a
 * ConfigMap, that somebody else made and may have given other rights or content.
 */
public final class NameInUseException extends RuntimeException {

  private final String kind;
  private final String name;
  private final String why;

  NameInUseException(HasMetadata existing, String owner) {
    this(
        existing.getKind(),
        existing.getMetadata().getName(),
        "already exists and is "
            + (owner == null ? "not managed by Gantry" : "controlled by " + owner)
            + "; nothing that needs it is applied until it is removed or the Microservice renamed");
  }

  private NameInUseException(String kind, String name, String why) {
    super(kind + " " + name + " " + why);
    this.kind = kind;
    this.name = name;
    this.why = why;
  }

  /** What is wrong with the object, without naming it again. */
  public String why() {
    return why;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }
}
