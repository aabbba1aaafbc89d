package dev.gantry.coffee.order.api;

import dev.gantry.coffee.order.OrderService;
import dev.gantry.coffee.order.members.MemberCheck;
import dev.gantry.coffee.order.persistence.CoffeeOrder;
import dev.gantry.coffee.order.persistence.OrderRepository;
import dev.gantry.coffee.order.persistence.StatusChange;
import dev.gantry.coffee.order.persistence.StatusChangeRepository;
import dev.gantry.runtime.web.ErrorResponse;
import dev.gantry.runtime.web.FieldError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;

@Controller("/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrderController {
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
  @ApiResponse(responseCode = "400", description = "Invalid fields, named")
  @ApiResponse(responseCode = "422", description = "Unknown or inactive member")
  @ApiResponse(responseCode = "503", description = "The member service cannot be asked right now")
  public HttpResponse<?> place(@Body @Valid PlaceOrder request) {
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
    CoffeeOrder order = service.place(request.memberId(), request.item(), request.quantity());
    // a new order's history is its one PLACED step: no need to read it back
    List<StatusChange> placed =
        List.of(new StatusChange(null, order.id(), order.status(), null, order.createdAt()));
    return HttpResponse.created(OrderView.of(order, placed), URI.create("/orders/" + order.id()));
  }

  @Get("/{id}")
  @Operation(summary = "One order with its status history")
  @ApiResponse(responseCode = "200", description = "The order")
  @ApiResponse(responseCode = "404", description = "No such order")
  public HttpResponse<OrderView> get(String id) {
    return orders
        .findById(id)
        .map(order -> HttpResponse.ok(OrderView.of(order, history.findByOrderIdOrderById(id))))
        .orElseGet(HttpResponse::notFound);
  }

  @Get
  @Operation(summary = "A member's orders, newest first")
  public List<OrderView> byMember(@QueryValue String memberId) {
    return orders.findByMemberIdOrderByCreatedAtDesc(memberId).stream()
        .map(order -> OrderView.of(order, history.findByOrderIdOrderById(order.id())))
        .toList();
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
