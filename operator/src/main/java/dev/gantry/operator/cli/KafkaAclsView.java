package dev.gantry.operator.cli;

import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.KafkaAccessConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The text of {@code kubectl gantry kafka-acls}: the {@code kafka-acls.sh} arguments of every
 * service's Kafka access list, services in namespace and name order, one ACL per line.
 *
 * <p>The lists live in the teams' namespaces, where a team that may write ConfigMaps could write
 * one too. So the lines printed are never the list's own text: they are rebuilt from its {@code
 * acls}, read only as Gantry writes them for that namespace's service ({@link KafkaAccess#parse}),
 * from lists a Microservice controls; any other list is skipped and named. A team can still put a
 * topic in its own service's list: review what you apply, or let Strimzi's operator apply the
 * access the Gantry operator gives it.
 */
final class KafkaAclsView {

  private KafkaAclsView() {}

  /**
   * @param out the arguments, one line per ACL
   * @param skipped each list not printed, as {@code <namespace>/<name>: why}
   */
  record Listing(String out, List<String> skipped) {}

  static Listing render(List<ConfigMap> lists) {
    StringBuilder out = new StringBuilder();
    List<String> skipped = new ArrayList<>();
    List<ConfigMap> ordered = new ArrayList<>(lists);
    ordered.sort(
        Comparator.comparing((ConfigMap c) -> c.getMetadata().getNamespace())
            .thenComparing(c -> c.getMetadata().getName()));
    for (ConfigMap list : ordered) {
      try {
        out.append(access(list).kafkaAclsArguments());
      } catch (IllegalArgumentException e) {
        skipped.add(
            Terminal.safe(
                list.getMetadata().getNamespace()
                    + "/"
                    + list.getMetadata().getName()
                    + ": "
                    + e.getMessage()));
      }
    }
    return new Listing(out.toString(), skipped);
  }

  /** The access the list grants, when it is one Gantry wrote for its namespace's service. */
  private static KafkaAccess access(ConfigMap list) {
    String namespace = list.getMetadata().getNamespace();
    Map<String, String> labels =
        Objects.requireNonNullElse(list.getMetadata().getLabels(), Map.of());
    String microservice = labels.get(Labels.MICROSERVICE);
    if (microservice == null
        || !list.getMetadata().getName().equals(KafkaAccessConfigMaps.name(microservice))) {
      throw new IllegalArgumentException(
          "not named after the Microservice of its " + Labels.MICROSERVICE + " label");
    }
    boolean controlled =
        Objects.requireNonNullElse(
                list.getMetadata().getOwnerReferences(), List.<OwnerReference>of())
            .stream()
            .anyMatch(
                o ->
                    Boolean.TRUE.equals(o.getController())
                        && "Microservice".equals(o.getKind())
                        && microservice.equals(o.getName()));
    if (!controlled) {
      throw new IllegalArgumentException("not controlled by Microservice " + microservice);
    }
    Map<String, String> data = Objects.requireNonNullElse(list.getData(), Map.of());
    String user = KafkaAccess.user(namespace, microservice);
    if (!user.equals(data.get(KafkaAccessConfigMaps.USER))) {
      throw new IllegalArgumentException(
          "its user is " + data.get(KafkaAccessConfigMaps.USER) + ", not " + user);
    }
    return KafkaAccess.parse(
        user, Objects.requireNonNullElse(data.get(KafkaAccessConfigMaps.ACLS), ""));
  }
}
