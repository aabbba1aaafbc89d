package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.operator.Fixtures;
import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePageTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private static final String SPEC =
      """
      image: shop/order:3
      replicas: 2
      rollout:
        strategy: Canary
        canary:
          steps: [{setWeight: 10}, {pause: {}}, {setWeight: 50}]
          analysis:
            metrics:
              - {name: request-success-rate, thresholdRange: {min: 0.99}}
              - {name: request-duration, thresholdRange: {max: 500}}
      """;

  private static Microservice releasing() {
    Microservice ms = Fixtures.microservice("order", SPEC);
    ms.setStatus(
        MicroserviceStatus.builder()
            .phase(Phase.Paused)
            .stableRevision("s2")
            .canaryRevision("c3")
            .previousRevision("p1")
            .canaryWeight(10)
            .currentStepIndex(1)
            .analysis(
                new AnalysisStatus(
                    "2026-12-04T11:59:30Z",
                    "Passed",
                    "c3",
                    10,
                    0,
                    0,
                    null,
                    List.of(
                        new AnalysisStatus.Measurement(
                            "request-success-rate",
                            "q",
                            0.995,
                            0.999,
                            120.0,
                            "[0.99, +inf]",
                            "Passed",
                            "0.995 within [0.99, +inf]"))))
            .history(
                List.of(
                    new HistoryEntry(
                        "2026-12-04T11:50:00Z",
                        "alice",
                        "SetWeight",
                        10,
                        "start small",
                        "Applied",
                        "weight 10%",
                        "c3",
                        "a1",
                        "u1"),
                    new HistoryEntry(
                        "2026-12-04T11:58:00Z",
                        "bob",
                        "Pause",
                        null,
                        null,
                        "Applied",
                        "held",
                        "c3",
                        "a2",
                        "u2")))
            .build());
    return ms;
  }

  private static Deployment revision(String revision, String image, int ready, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("order-" + revision)
        .withCreationTimestamp("2026-12-04T11:00:00Z")
        .addToLabels(Labels.REVISION, revision)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .withNewStatus()
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  private static Event event(String reason, String last) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(reason)
        .withCreationTimestamp(last)
        .endMetadata()
        .withType("Normal")
        .withReason(reason)
        .withMessage(reason + " happened")
        .withLastTimestamp(last)
        .withNewInvolvedObject()
        .withKind("Microservice")
        .withName("order")
        .endInvolvedObject()
        .build();
  }

  @Test
  void listsRevisionsCanaryFirstWithTheirRoles() {
    ServicePage page =
        ServicePage.of(
            releasing(),
            List.of(
                revision("old0", "shop/order:0", 0, 0),
                revision("s2", "shop/order:2", 2, 2),
                revision("p1", "shop/order:1", 0, 0),
                revision("c3", "shop/order:3", 1, 1)),
            List.of(),
            Timeline.Series.EMPTY,
            true,
            NOW);
    assertThat(page.revisions())
        .extracting(
            r ->
                r.revision()
                    + " "
                    + r.role()
                    + " "
                    + r.image()
                    + " "
                    + r.ready()
                    + "/"
                    + r.replicas()
                    + " "
                    + r.age())
        .containsExactly(
            "c3 canary shop/order:3 1/1 1h ago",
            "s2 stable shop/order:2 2/2 1h ago",
            "p1 previous shop/order:1 0/0 1h ago",
            "old0 retired shop/order:0 0/0 1h ago");
  }

  @Test
  void marksTheStepsBehindAtAndAheadOfTheRollout() {
    ServicePage page =
        ServicePage.of(releasing(), null, List.of(), Timeline.Series.EMPTY, true, NOW);
    assertThat(page.steps())
        .extracting(s -> s.number() + " " + s.text() + " " + s.state())
        .containsExactly(
            "1 setWeight 10 done", "2 pause until promoted current", "3 setWeight 50 pending");
    assertThat(page.revisions()).as("null: the viewer may not list Deployments").isNull();
  }

  @Test
  void showsHistoryNewestFirstAndEventsLatestFirst() {
    ServicePage page =
        ServicePage.of(
            releasing(),
            List.of(),
            List.of(
                event("Paused", "2026-12-04T11:58:00Z"), event("Promoted", "2026-12-04T11:59:50Z")),
            Timeline.Series.EMPTY,
            true,
            NOW);
    assertThat(page.history())
        .extracting(a -> a.user() + " " + a.action() + " " + a.ago())
        .containsExactly("bob Pause 2m ago", "alice SetWeight 10m ago");
    assertThat(page.events())
        .extracting(ServicePage.EventLine::reason)
        .containsExactly("Promoted", "Paused");
    assertThat(page.analysis().metrics())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.canary()).isEqualTo("0.9950");
              assertThat(m.verdictClass()).isEqualTo("verdict-passed");
            });
  }

  @Test
  void actionsAreOffWithAReasonWhenTheViewerMayNotCreateReleaseActions() {
    ServicePage allowed =
        ServicePage.of(releasing(), null, List.of(), Timeline.Series.EMPTY, true, NOW);
    ServicePage denied =
        ServicePage.of(releasing(), null, List.of(), Timeline.Series.EMPTY, false, NOW);
    assertThat(allowed.controls().disabledReason()).isNull();
    assertThat(denied.controls().disabledReason()).contains("may not create ReleaseActions");
  }

  @Test
  void chartDataCarriesTheWeightsAndEachMetricAgainstItsThreshold() throws Exception {
    Timeline timeline = new Timeline();
    timeline.observe(releasing(), NOW);
    ServicePage page =
        ServicePage.of(releasing(), null, List.of(), timeline.series("shop", "order"), true, NOW);
    JsonNode charts = new ObjectMapper().readTree(page.charts());
    assertThat(charts.get("revision").asText()).isEqualTo("c3");
    assertThat(charts.at("/weights/0").toString())
        .as("the weight set at 11:50 (from the history), unchanged since")
        .isEqualTo("[" + Instant.parse("2026-12-04T11:50:00Z").getEpochSecond() + "]");
    assertThat(charts.at("/weights/1").toString()).isEqualTo("[10.0]");
    JsonNode metric = charts.at("/metrics/0");
    assertThat(metric.get("metric").asText()).isEqualTo("request-success-rate");
    assertThat(metric.get("min").asDouble()).isEqualTo(0.99);
    assertThat(metric.get("max").isNull()).isTrue();
    assertThat(metric.get("canary").toString()).isEqualTo("[0.995]");
    assertThat(metric.get("stable").toString()).isEqualTo("[0.999]");
  }
}
