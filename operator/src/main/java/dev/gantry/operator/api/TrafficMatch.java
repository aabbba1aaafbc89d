package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Requests that go to the canary: by a header, or by a cookie. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.header) != has(self.cookie)",
    message = "each match is exactly one of header or cookie")
public record TrafficMatch(Header header, Cookie cookie) {

  /** A request header with an exact value, a prefix, or a regular expression (RE2). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "[has(self.exact), has(self.prefix), has(self.regex)].filter(x, x).size() == 1",
      message = "a header match is exactly one of exact, prefix or regex")
  @ValidationRule(
      value = "self.name != 'cookie'",
      fieldPath = ".name",
      message = "match cookies with cookie, not header")
  public record Header(
      @Required @Size(max = 128) @Pattern("^[a-z0-9!#$%&'*+.^_`|~-]+$") String name,
      @Size(max = 1024) String exact,
      @Size(max = 1024) String prefix,
      @Size(max = 1024) String regex) {}

  /** A cookie with this exact value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cookie(
      @Required @Size(max = 128) @Pattern("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$") String name,
      @Required @Size(max = 1024) @Pattern("^[^;,\\s\"]*$") String value) {}
}
