package dev.gantry.coffee.notification;

import dev.gantry.coffee.notification.persistence.NotificationRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live notifications for the streams open on any replica. A stored notification is announced on a
 * PostgreSQL channel in the transaction that stores it, so it is delivered when, and only if, that
 * transaction commits; every replica listens on the channel and passes each one to its own streams.
 * A replica that loses its listening connection reconnects and replays what was stored meanwhile,
 * so a stream never misses an update because another replica consumed the event.
 */
@Singleton
public class NotificationFeed {
  static final String CHANNEL = "coffee_notifications";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationFeed.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int REPLAY_LIMIT = 1000;

  private final Sinks.Many<NotificationView> sink = Sinks.many().multicast().directBestEffort();
  private final AtomicInteger listeners = new AtomicInteger();
  private final DataSource dataSource;
  private final JdbcOperations jdbc;
  private final JsonMapper json;
  private final NotificationRepository stored;
  private volatile boolean running = true;
  private long lastDelivered;
  private Thread listener;

  NotificationFeed(
      DataSource dataSource,
      DataSourceResolver resolver,
      JdbcOperations jdbc,
      JsonMapper json,
      NotificationRepository stored,
      MeterRegistry meters) {
    // the pool itself: the injected DataSource hands out only the current transaction's connection
    this.dataSource = resolver.resolve(dataSource);
    this.jdbc = jdbc;
    this.json = json;
    this.stored = stored;
    meters.gauge("coffee.notifications.streams", listeners);
  }

  /** Announces a notification to every replica once the current transaction commits. */
  @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
  public void announce(NotificationView stored) {
    String payload;
    try {
      payload = json.writeValueAsString(stored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jdbc.prepareStatement(
        "SELECT pg_notify('" + CHANNEL + "', ?)",
        statement -> {
          statement.setString(1, payload);
          return statement.execute();
        });
  }

  public Flux<NotificationView> forMember(String memberId) {
    return sink.asFlux()
        .filter(n -> n.memberId().equals(memberId))
        .doOnSubscribe(s -> listeners.incrementAndGet())
        .doFinally(s -> listeners.decrementAndGet());
  }

  @EventListener
  void onStartup(StartupEvent event) {
    listener = new Thread(this::listen, "coffee-notification-listener");
    listener.setDaemon(true);
    listener.start();
  }

  private void listen() {
    boolean first = true;
    while (running) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + CHANNEL);
        if (first) {
          markDelivered(stored.lastId());
          first = false;
        } else {
          stored.storedAfter(lastDelivered, REPLAY_LIMIT).stream()
              .map(NotificationView::of)
              .forEach(this::deliver);
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] arrived = postgres.getNotifications((int) POLL.toMillis());
          if (arrived != null) {
            for (PGNotification notification : arrived) {
              deliver(json.readValue(notification.getParameter(), NotificationView.class));
            }
          }
        }
      } catch (SQLException | IOException | RuntimeException e) {
        if (running) {
          LOG.warn("notification listener lost its connection ({}); reconnecting", e.toString());
          sleep(Duration.ofSeconds(1));
        }
      }
    }
  }

  private synchronized void deliver(NotificationView notification) {
    markDelivered(notification.id());
    sink.tryEmitNext(notification);
  }

  private synchronized void markDelivered(long id) {
    lastDelivered = Math.max(lastDelivered, id);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
  }
}
