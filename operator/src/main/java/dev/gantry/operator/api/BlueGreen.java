package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Blue-green: the new revision at full size behind preview hosts, then a 0→100 switch. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "!has(self.previewHosts) || self.previewHosts.all(h, h.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'))",
    fieldPath = ".previewHosts", message = "previewHosts must be DNS names")
public record BlueGreen(
    @Min(0) @Max(86400) Integer autoPromotionSeconds,
    @Min(0) @Max(86400) @Default("30") Integer scaleDownDelaySeconds,
    @Size(max = 16) List<@Size(max = 253) String> previewHosts) {

  public BlueGreen {
    scaleDownDelaySeconds = scaleDownDelaySeconds == null ? 30 : scaleDownDelaySeconds;
    previewHosts = previewHosts == null ? List.of() : List.copyOf(previewHosts);
  }
}
