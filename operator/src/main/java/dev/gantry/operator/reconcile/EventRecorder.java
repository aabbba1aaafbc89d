package dev.gantry.operator.reconcile;

import dev.gantry.operator.rollout.Transition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes Events about a resource, as {@code kubectl describe} and on-call tools show them. */
public final class EventRecorder {

  public static final String COMPONENT = "gantry-operator";
  private static final int MAX_MESSAGE = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, String instance, Clock clock) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
  }

  /** The API server refuses Event messages over 1024 characters. */
  static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
  }

  /** Records the event; a failure to record is logged, never fails the reconciliation. */
  public void record(HasMetadata about, Transition transition) {
    Instant now = clock.instant();
    String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                about.getMetadata().getName()
                    + "."
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
            .withNamespace(about.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(about.getApiVersion())
                    .withKind(about.getKind())
                    .withName(about.getMetadata().getName())
                    .withNamespace(about.getMetadata().getNamespace())
                    .withUid(about.getMetadata().getUid())
                    .withResourceVersion(about.getMetadata().getResourceVersion())
                    .build())
            .withType(transition.warning() ? "Warning" : "Normal")
            .withReason(transition.reason())
            .withMessage(truncate(transition.message()))
            .withAction(transition.reason())
            .withFirstTimestamp(timestamp)
            .withLastTimestamp(timestamp)
            .withEventTime(
                new MicroTime(
                    DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MICROS))))
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent("gantry.dev/operator")
            .withReportingInstance(instance)
            .build();
    try {
      client.v1().events().resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not record event {} for {}/{}: {}",
          transition.reason(),
          about.getMetadata().getNamespace(),
          about.getMetadata().getName(),
          e.getMessage());
    }
  }
}
