package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Microservice's status cleared at points of a canary and of a blue-green rollout, on a real
 * control plane: the operator rebuilds what serves from its routes, says so in the history and an
 * Event, keeps the serving revision at full size and never promotes the untested one.
 */
class StatusLossIT {

  private static final String CANARY =
      """
      image: shop/ledger:%s
      replicas: 4
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 1
          steps: [{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}]
      """;
  private static final String BLUE_GREEN =
      """
      image: shop/vault:%s
      replicas: 3
      rollout: {strategy: BlueGreen, blueGreen: {scaleDownDelaySeconds: 1}}
      """;

  private static LocalCluster cluster;
  private static Microservices services;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.shared();
    services = new Microservices(cluster, cluster.createNamespace("status-loss"));
    // An edited status is a status-only change: the operator notices it at its next resync.
    operator =
        RunningOperator.start(
            cluster, services.namespace(), Map.of("GANTRY_RESYNC_INTERVAL", "2s"));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aCanaryLosingItsStatusAtEachPauseKeepsTheServingRevisionAndWalksItsStepsAgain() {
    services.create("ledger", CANARY.formatted("1"));
    String stable =
        services.await("ledger", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
    services.edit("ledger", CANARY.formatted("2"));
    String canary =
        services
            .await(
                "ledger",
                "paused at 25%",
                s -> s.phase() == Phase.Paused && Integer.valueOf(25).equals(s.canaryWeight()))
            .canaryRevision();

    clearStatus("ledger");
    MicroserviceStatus rebuilt = awaitRebuilt("ledger");
    assertThat(rebuilt.stableRevision()).isEqualTo(stable);
    assertThat(rebuilt.canaryRevision()).isEqualTo(canary);
    assertServing("ledger", stable, 4);
    services.await(
        "ledger",
        "at the first pause again",
        s -> s.phase() == Phase.Paused && Integer.valueOf(25).equals(s.canaryWeight()));

    assertThat(services.gantry("promote", "ledger").code()).isZero();
    services.await(
        "ledger",
        "paused at 50%",
        s -> s.phase() == Phase.Paused && Integer.valueOf(50).equals(s.canaryWeight()));
    clearStatus("ledger");
    rebuilt = awaitRebuilt("ledger");
    assertThat(rebuilt.stableRevision()).as("not promoted on a guess").isEqualTo(stable);
    services.await(
        "ledger",
        "back at the first step",
        s ->
            s.phase() == Phase.Paused
                && Integer.valueOf(25).equals(s.canaryWeight())
                && stable.equals(s.stableRevision()));
    assertServing("ledger", stable, 4);
    cluster.awaitEvent(services.namespace(), "ledger", "StatusRebuilt");

    // Walked again, step by step, it is promoted as usual.
    assertThat(services.gantry("promote", "ledger").code()).isZero();
    services.await(
        "ledger",
        "paused at 50% again",
        s -> Integer.valueOf(50).equals(s.canaryWeight()) && s.phase() == Phase.Paused);
    assertThat(services.gantry("promote", "ledger").code()).isZero();
    services.await(
        "ledger", "promoted", s -> s.phase() == Phase.Healthy && canary.equals(s.stableRevision()));
  }

  @Test
  void aBlueGreenPreviewLosingItsStatusWaitsForItsSwitchAgain() {
    services.create("vault", BLUE_GREEN.formatted("1"));
    String stable =
        services.await("vault", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
    services.edit("vault", BLUE_GREEN.formatted("2"));
    String preview =
        services.await("vault", "preview waiting", s -> s.phase() == Phase.Paused).canaryRevision();

    clearStatus("vault");
    MicroserviceStatus rebuilt = awaitRebuilt("vault");
    assertThat(rebuilt.stableRevision()).isEqualTo(stable);
    services.await(
        "vault",
        "the preview waits again",
        s -> s.phase() == Phase.Paused && preview.equals(s.canaryRevision()));
    assertServing("vault", stable, 3);
    assertThat(deployment("vault-" + preview).getSpec().getReplicas()).isEqualTo(3);
  }

  private static void clearStatus(String name) {
    cluster.kubectl(
        "patch",
        "microservice",
        name,
        "-n",
        services.namespace(),
        "--subresource=status",
        "--type=json",
        "-p",
        "[{\"op\":\"remove\",\"path\":\"/status\"}]");
  }

  /** Waits for the rebuild to be recorded (the cleared status took the history before it along). */
  private static MicroserviceStatus awaitRebuilt(String name) {
    return services.await(
        name,
        "status rebuilt",
        Duration.ofSeconds(60),
        s -> s.history().stream().map(HistoryEntry::action).anyMatch("RebuildStatus"::equals));
  }

  /** The revision keeps all its replicas and the mesh's stable subset. */
  private static void assertServing(String name, String revision, int replicas) {
    await(revision + " keeps serving")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(deployment(name + "-" + revision).getSpec().getReplicas())
                  .isEqualTo(replicas);
              assertThat(
                      cluster
                          .admin()
                          .resources(DestinationRule.class)
                          .inNamespace(services.namespace())
                          .withName(name)
                          .get()
                          .getSpec()
                          .getSubsets())
                  .anySatisfy(
                      s -> {
                        assertThat(s.getName()).isEqualTo("stable");
                        assertThat(s.getLabels()).containsEntry("gantry.dev/revision", revision);
                      });
            });
  }

  private static Deployment deployment(String name) {
    return cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(services.namespace())
        .withName(name)
        .get();
  }
}
