package dev.gantry.coffee.order.api;

import dev.gantry.coffee.order.OrderService;
import dev.gantry.coffee.order.members.MemberCheck;
import dev.gantry.coffee.order.persistence.CoffeeOrder;
import dev.gantry.coffee.order.persistence.OrderRepository;
import dev.gantry.coffee.order.persistence.StatusChange;
import dev.gantry.coffee.order.persistence.StatusChangeRepository;
import dev.gantry.runtime.security.MemberAccess;
import dev.gantry.runtime.web.ErrorResponse;
import dev.gantry.runtime.web.FieldError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A member's token places and reads only that member's orders; staff reach every order. */
@Controller("/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class OrderController {
  /** A client's key for one order: a retry with the same key answers with the same order. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Set on the answer to a retry that found the order its key placed earlier. */
  public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  private final OrderService service;
  private final MemberCheck memberCheck;
  private final OrderRepository orders;
  private final StatusChangeRepository history;
  private final MeterRegistry meters;

  OrderController(
      OrderService service,
      MemberCheck memberCheck,
      OrderRepository orders,
      StatusChangeRepository history,
      MeterRegistry meters) {
    this.service = service;
    this.memberCheck = memberCheck;
    this.orders = orders;
    this.history = history;
    this.meters = meters;
  }

  @Post
  @Operation(summary = "Place an order for an ACTIVE member; it moves on as the barista works")
  @ApiResponse(responseCode = "201", description = "Placed (status PLACED)")
  @ApiResponse(responseCode = "400", description = "Invalid fields or Idempotency-Key, named")
  @ApiResponse(responseCode = "403", description = "An order for another member than the token's")
  @ApiResponse(
      responseCode = "201",
      description =
          "Already placed by an earlier request with this Idempotency-Key (header Idempotent-Replayed)")
  @ApiResponse(
      responseCode = "422",
      description = "Unknown or inactive member, or an Idempotency-Key used for a different order")
  @ApiResponse(responseCode = "503", description = "The member service cannot be asked right now")
  public HttpResponse<?> place(
      @Body @Valid PlaceOrder request,
      @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey,
      Authentication caller) {
    MemberAccess.check(caller, request.memberId(), "it may order only for itself");
    if (idempotencyKey != null && !VALID_KEY.matcher(idempotencyKey).matches()) {
      return HttpResponse.badRequest(
          new ErrorResponse(
              "Invalid request",
              List.of(
                  new FieldError(
                      IDEMPOTENCY_KEY,
                      "must be 1 to 200 visible ASCII characters, such as a UUID"))));
    }
    Optional<OrderService.Placement> earlier =
        service.earlier(request.memberId(), request.item(), request.quantity(), idempotencyKey);
    if (earlier.isPresent()) {
      return placed(earlier.get());
    }
    switch (memberCheck.check(request.memberId())) {
      case UNKNOWN -> {
        return refuse(new FieldError("memberId", "no such member"));
      }
      case NOT_ACTIVE -> {
        return refuse(new FieldError("memberId", "member is not active"));
      }
      default -> {
        // may order
      }
    }
    return placed(
        service.place(request.memberId(), request.item(), request.quantity(), idempotencyKey));
  }

  private HttpResponse<OrderView> placed(OrderService.Placement placement) {
    CoffeeOrder order = placement.order();
    URI location = URI.create("/orders/" + order.id());
    if (placement.replayed()) {
      return HttpResponse.created(
              OrderView.of(order, history.findByOrderIdOrderById(order.id())), location)
          .header(IDEMPOTENT_REPLAYED, "true");
    }
    // a new order's history is its one PLACED step: no need to read it back
    List<StatusChange> placed =
        List.of(new StatusChange(null, order.id(), order.status(), null, order.createdAt()));
    return HttpResponse.created(OrderView.of(order, placed), location);
  }

  @Get("/{id}")
  @Operation(summary = "One order with its status history")
  @ApiResponse(responseCode = "200", description = "The order")
  @ApiResponse(responseCode = "403", description = "Another member's order")
  @ApiResponse(responseCode = "404", description = "No such order")
  public HttpResponse<?> get(String id, Authentication caller) {
    CoffeeOrder order = orders.findById(id).orElse(null);
    if (order == null) {
      return ErrorResponse.notFound("no order " + id);
    }
    MemberAccess.check(caller, order.memberId(), "it may read only its own orders");
    return HttpResponse.ok(OrderView.of(order, history.findByOrderIdOrderById(id)));
  }

  @Get
  @Operation(summary = "A member's orders, newest first")
  @ApiResponse(responseCode = "403", description = "Another member's orders")
  public List<OrderView> byMember(@QueryValue String memberId, Authentication caller) {
    MemberAccess.check(caller, memberId, "it may read only its own orders");
    List<CoffeeOrder> placed = orders.findByMemberIdOrderByCreatedAtDesc(memberId);
    if (placed.isEmpty()) {
      return List.of();
    }
    // every order's history in one query, not one per order
    Map<String, List<StatusChange>> histories =
        history.findByOrderIdInOrderById(placed.stream().map(CoffeeOrder::id).toList()).stream()
            .collect(Collectors.groupingBy(StatusChange::orderId));
    return placed.stream()
        .map(order -> OrderView.of(order, histories.getOrDefault(order.id(), List.of())))
        .toList();
  }

  @Error(exception = OrderService.IdempotencyKeyReused.class)
  HttpResponse<ErrorResponse> keyReused(OrderService.IdempotencyKeyReused error) {
    return refuse(new FieldError(IDEMPOTENCY_KEY, error.getMessage()));
  }

  @Error(exception = MemberCheck.MemberServiceUnavailable.class)
  HttpResponse<ErrorResponse> memberUnavailable(MemberCheck.MemberServiceUnavailable error) {
    meters.counter("coffee.orders.refused", "reason", "member-unavailable").increment();
    return HttpResponse.<ErrorResponse>status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(ErrorResponse.of(error.getMessage()));
  }

  private HttpResponse<ErrorResponse> refuse(FieldError error) {
    meters.counter("coffee.orders.refused", "reason", error.message()).increment();
    return HttpResponse.unprocessableEntity()
        .body(new ErrorResponse("Order refused", List.of(error)));
  }
}
