package dev.gantry.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * An informer event source whose {@code start()} does nothing once it runs. JOSDK (5.2) starts the
 * event source of a dependent with an activation condition again on every reconciliation, and each
 * start re-indexes the whole cache while holding the source's lock: with N Microservices every
 * reconciliation cost O(N) and all reconciler threads queued on that lock.
 */
final class StartOnceInformerEventSource<R extends HasMetadata, P extends HasMetadata>
    extends InformerEventSource<R, P> {

  StartOnceInformerEventSource(
      InformerEventSourceConfiguration<R> configuration, EventSourceContext<P> context) {
    super(configuration, context);
  }

  @Override
  public synchronized void start() {
    if (!isRunning()) {
      super.start();
    }
  }
}
