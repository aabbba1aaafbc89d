package dev.gantry.operator.cli;

import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link Cluster} through fabric8: every kubeconfig fabric8 understands (exec plugins too). */
final class Fabric8Cluster implements Cluster {

  private final KubernetesClient client;

  Fabric8Cluster(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String namespace() {
    return GantryCli.namespaceOf(client);
  }

  @Override
  public <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).inNamespace(namespace()).withName(name).get();
  }

  @Override
  public String currentUser() {
    SelfSubjectReview review = client.resource(new SelfSubjectReview()).create();
    return review.getStatus().getUserInfo().getUsername();
  }

  @Override
  public ReleaseAction create(ReleaseAction action) {
    return client.resource(action).create();
  }

  @Override
  public ReleaseActionStatus awaitOutcome(ReleaseAction action, Duration timeout) {
    ReleaseAction answered =
        client
            .resources(ReleaseAction.class)
            .inNamespace(action.getMetadata().getNamespace())
            .withName(action.getMetadata().getName())
            .waitUntilCondition(
                a -> a != null && a.getStatus() != null && a.getStatus().outcome() != null,
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    return answered.getStatus();
  }

  @Override
  public <T extends HasMetadata> void watch(
      Class<T> type, T shown, Consumer<T> changes, Runnable deleted) throws InterruptedException {
    CountDownLatch gone = new CountDownLatch(1);
    try (var w =
        client
            .resources(type)
            .inNamespace(namespace())
            .withName(shown.getMetadata().getName())
            .watch(
                new Watcher<T>() {
                  @Override
                  public void eventReceived(Action action, T changed) {
                    if (action == Action.DELETED) {
                      deleted.run();
                      gone.countDown();
                    } else {
                      changes.accept(changed);
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    gone.countDown();
                  }
                })) {
      gone.await();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
