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
    value = "!has(self.previewHosts) || self.previewHosts.all(h, !h.contains('*'))",
    fieldPath = ".previewHosts",
    message =
        "previewHosts must not be wildcards: a wildcard would claim names other" + " teams serve")
@ValidationRule(
    value =
        "!has(self.previewHosts) || self.previewHosts.all(h, h.matches('"
            + HostNames.EXTERNAL_DNS_NAME
            + "'))",
    fieldPath = ".previewHosts",
    message =
        "previewHosts must be fully qualified DNS names in lower case, such as preview.shop.example.com")
@ValidationRule(
    value =
        "!has(self.previewHosts) || self.previewHosts.all(h, !h.matches('"
            + HostNames.IN_CLUSTER
            + "'))",
    fieldPath = ".previewHosts",
    message =
        "previewHosts must not be in-cluster names (.svc, .local): they belong to"
            + " other services")
public record BlueGreen(
    @Min(0) @Max(86400) Integer autoPromotionSeconds,
    @Min(0) @Max(86400) @Default("30") Integer scaleDownDelaySeconds,
    @Size(max = 16) List<@Size(max = 253) String> previewHosts) {

  public BlueGreen {
    scaleDownDelaySeconds = scaleDownDelaySeconds == null ? 30 : scaleDownDelaySeconds;
    previewHosts = previewHosts == null ? List.of() : List.copyOf(previewHosts);
  }
}
