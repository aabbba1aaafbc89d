package dev.gantry.operator.tenancy;

/**
 * Something a Microservice asks for that the platform does not allow, or cannot give it.
 *
 * @param field the spec field, as the API server names fields ({@code spec.traffic.hosts[1]})
 * @param reason a CamelCase word for conditions and Events
 * @param blocking nothing of the Microservice may be applied while it stands (a pod would get what
 *     it must not have); otherwise the field is left out and the rest applies
 */
public record Violation(String field, String reason, String message, boolean blocking) {

  public static final String HOST_NOT_ALLOWED = "HostNotAllowed";
  public static final String GATEWAY_NOT_ALLOWED = "GatewayNotAllowed";
  public static final String SECRET_NOT_ALLOWED = "SecretNotAllowed";
  public static final String QUERY_NOT_CONFINED = "QueryNotConfined";
  public static final String TOPIC_NOT_ALLOWED = "TopicNotAllowed";
  public static final String NAME_IN_USE = "NameInUse";

  /** How the user reads it: the field, then what is wrong. */
  public String describe() {
    return field + ": " + message;
  }
}
