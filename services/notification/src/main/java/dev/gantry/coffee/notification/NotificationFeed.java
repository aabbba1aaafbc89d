package dev.gantry.coffee.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live notifications inside this instance: stored ones are announced after their transaction
 * commits, so a client never sees an update that could still roll back.
 */
@Singleton
public class NotificationFeed {
  private final Sinks.Many<NotificationView> sink = Sinks.many().multicast().directBestEffort();
  private final AtomicInteger listeners = new AtomicInteger();

  NotificationFeed(MeterRegistry meters) {
    meters.gauge("coffee.notifications.streams", listeners);
  }

  @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
  synchronized void onStored(NotificationView stored) {
    sink.tryEmitNext(stored);
  }

  public Flux<NotificationView> forMember(String memberId) {
    return sink.asFlux()
        .filter(n -> n.memberId().equals(memberId))
        .doOnSubscribe(s -> listeners.incrementAndGet())
        .doFinally(s -> listeners.decrementAndGet());
  }
}
