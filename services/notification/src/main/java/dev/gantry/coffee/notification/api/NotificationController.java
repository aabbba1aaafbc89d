package dev.gantry.coffee.notification.api;

import dev.gantry.coffee.notification.NotificationFeed;
import dev.gantry.coffee.notification.NotificationService;
import dev.gantry.coffee.notification.NotificationView;
import dev.gantry.runtime.security.MemberAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** A member's token reaches only that member's updates; staff reach every member's. */
@Controller("/members/{memberId}/notifications")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class NotificationController {
  private static final int REPLAY_LIMIT = 100;
  private static final int RECENT_ON_CONNECT = 10;

  private final NotificationService notifications;
  private final NotificationFeed feed;

  NotificationController(NotificationService notifications, NotificationFeed feed) {
    this.notifications = notifications;
    this.feed = feed;
  }

  /**
   * The member's updates as they happen. A reconnecting client (Last-Event-ID, or {@code after})
   * first gets what it missed; a new one gets the last few. Live updates are buffered from the
   * start, so none falls between the catch-up and the live stream. A heartbeat keeps proxies open.
   */
  @Get(produces = MediaType.TEXT_EVENT_STREAM)
  @Operation(summary = "Stream a member's order updates (server-sent events named order-status)")
  public Publisher<Event<Object>> stream(
      String memberId,
      @Nullable @Header("Last-Event-ID") Long lastEventId,
      @Nullable @QueryValue Long after,
      Authentication caller) {
    MemberAccess.check(caller, memberId, "it may follow only its own updates");
    return Flux.defer(
            () -> {
              Sinks.Many<NotificationView> live = Sinks.many().unicast().onBackpressureBuffer();
              Disposable subscription = feed.forMember(memberId).subscribe(live::tryEmitNext);
              Long from = lastEventId != null ? lastEventId : after;
              List<NotificationView> missed =
                  from != null
                      ? notifications.after(memberId, from, REPLAY_LIMIT)
                      : notifications.latest(memberId, RECENT_ON_CONNECT);
              long seen =
                  missed.isEmpty() ? (from != null ? from : 0) : missed.get(missed.size() - 1).id();
              Flux<Event<Object>> updates =
                  Flux.fromIterable(missed)
                      .concatWith(live.asFlux().filter(n -> n.id() > seen))
                      .map(NotificationController::toEvent);
              Flux<Event<Object>> heartbeats =
                  Flux.interval(Duration.ofSeconds(15))
                      .map(
                          i ->
                              Event.<Object>of(Map.of("at", Instant.now().toString()))
                                  .name("heartbeat"));
              // a first event at once, so clients (and proxies) see the stream open before any
              // update
              Event<Object> subscribed =
                  Event.<Object>of(Map.of("memberId", memberId)).name("subscribed");
              return Flux.merge(Flux.just(subscribed).concatWith(updates), heartbeats)
                  .doFinally(signal -> subscription.dispose());
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Get("/recent")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "A member's latest updates as JSON")
  public List<NotificationView> recent(
      String memberId,
      @QueryValue(defaultValue = "20") @Min(1) @Max(500) int limit,
      Authentication caller) {
    MemberAccess.check(caller, memberId, "it may read only its own updates");
    return notifications.latest(memberId, limit);
  }

  private static Event<Object> toEvent(NotificationView n) {
    return Event.<Object>of(n).id(String.valueOf(n.id())).name("order-status");
  }
}
