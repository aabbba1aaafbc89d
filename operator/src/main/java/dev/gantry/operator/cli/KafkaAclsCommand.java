package dev.gantry.operator.cli;

import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "kafka-acls",
    description = {
      "Print the Kafka ACLs of the services, as kafka-acls.sh arguments, one ACL per line.",
      "Add the connection and run them, e.g.:",
      "  kubectl gantry kafka-acls -A | xargs -L1 kafka-acls.sh --bootstrap-server HOST:PORT"
          + " --command-config admin.properties"
    })
final class KafkaAclsCommand implements Callable<Integer> {

  @ParentCommand GantryCli cli;

  @Spec CommandSpec spec;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "every namespace's services, not only one namespace's")
  boolean allNamespaces;

  @Override
  public Integer call() {
    if (allNamespaces && cli.namespace != null) {
      throw new GantryCli.CliException("-A and -n exclude each other");
    }
    try (KubernetesClient client = cli.client()) {
      var configMaps = client.configMaps();
      var selected =
          allNamespaces
              ? configMaps.inAnyNamespace().withLabel(Labels.KAFKA_ACCESS, "true")
              : configMaps
                  .inNamespace(GantryCli.namespaceOf(client))
                  .withLabel(Labels.KAFKA_ACCESS, "true");
      List<ConfigMap> lists = selected.list().getItems();
      KafkaAclsView.Listing listing = KafkaAclsView.render(lists);
      spec.commandLine().getOut().print(listing.out());
      var err = spec.commandLine().getErr();
      if (lists.isEmpty()) {
        err.println(
            "no service has Kafka access"
                + (allNamespaces ? "" : " in namespace " + GantryCli.namespaceOf(client)));
      }
      listing.skipped().forEach(s -> err.println("skipped " + s));
      return listing.skipped().isEmpty() ? GantryCli.APPLIED : GantryCli.REJECTED;
    }
  }
}
