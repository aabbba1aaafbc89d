package dev.gantry.operator.cli;

import dev.gantry.operator.dashboard.Dashboard;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "dashboard",
    description = {
      "Serve a live web dashboard of the releases you may see, acting with your kubeconfig: it"
          + " shows and does exactly what your RBAC allows. Prints the address to open (it holds a"
          + " secret that signs your browser in); Ctrl-C stops it.",
      "With --in-cluster (the gantry-operator chart's dashboard.enabled) it serves everyone who"
          + " brings a Kubernetes token, and acts as them."
    })
final class DashboardCommand implements Callable<Integer> {

  @ParentCommand GantryCli cli;

  @Spec CommandSpec spec;

  @Option(
      names = "--address",
      defaultValue = "127.0.0.1",
      description =
          "address to listen on (default ${DEFAULT-VALUE}; loopback only unless --in-cluster)")
  String address;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "port to listen on (default: a free one)")
  int port;

  @Option(
      names = "--in-cluster",
      description =
          "authenticate every request with TokenReview and act as its user by impersonation,"
              + " with the pod's service account")
  boolean inCluster;

  @Override
  public Integer call() throws Exception {
    List<String> namespaces = cli.namespace == null ? List.of() : List.of(cli.namespace);
    Dashboard.Settings settings = new Dashboard.Settings(address, port, namespaces);
    KubernetesClient client = cli.client();
    Dashboard dashboard;
    try {
      dashboard =
          inCluster ? Dashboard.inCluster(client, settings) : Dashboard.local(client, settings);
    } catch (IllegalArgumentException | IllegalStateException e) {
      client.close();
      throw new GantryCli.CliException(e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dashboard.close();
                  stopped.countDown();
                }));
    var out = spec.commandLine().getOut();
    out.println("Gantry dashboard: " + dashboard.url());
    out.println(
        inCluster ? "Serving; stop the pod to stop." : "Open it in your browser; Ctrl-C stops it.");
    out.flush();
    stopped.await();
    return GantryCli.APPLIED;
  }
}
