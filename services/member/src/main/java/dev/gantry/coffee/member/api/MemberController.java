package dev.gantry.coffee.member.api;

import dev.gantry.coffee.member.MemberStatus;
import dev.gantry.coffee.member.persistence.Member;
import dev.gantry.coffee.member.persistence.MemberRepository;
import dev.gantry.coffee.member.security.PasswordHashing;
import dev.gantry.runtime.security.MemberAccess;
import dev.gantry.runtime.security.Roles;
import dev.gantry.runtime.web.ErrorResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Anyone may register; a member's token reaches only that member, staff reach everyone, and only
 * staff change a member's status.
 */
@Controller("/members")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MemberController {
  private final MemberRepository members;
  private final PasswordHashing passwords;
  private final MeterRegistry meters;

  MemberController(MemberRepository members, PasswordHashing passwords, MeterRegistry meters) {
    this.members = members;
    this.passwords = passwords;
    this.meters = meters;
  }

  @Post
  @Transactional
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(summary = "Register a member (ACTIVE); it signs in with POST /login")
  @ApiResponse(responseCode = "201", description = "Registered")
  @ApiResponse(responseCode = "400", description = "Invalid fields")
  @ApiResponse(responseCode = "409", description = "Email already registered")
  public HttpResponse<?> create(@Body @Valid NewMember request) {
    if (members.existsByEmail(request.email())) {
      return HttpResponse.status(HttpStatus.CONFLICT)
          .body(ErrorResponse.of("email already registered: " + request.email()));
    }
    Member member =
        members.save(
            new Member(
                UUID.randomUUID().toString(),
                request.name(),
                request.email(),
                MemberStatus.ACTIVE,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                passwords.hash(request.password()),
                Roles.MEMBER,
                null));
    meters.counter("coffee.members.registered").increment();
    return HttpResponse.created(MemberView.of(member), URI.create("/members/" + member.id()));
  }

  @Get("/{id}")
  @Operation(summary = "One member, with the status order checks")
  @ApiResponse(responseCode = "200", description = "The member")
  @ApiResponse(responseCode = "403", description = "Another member's token")
  @ApiResponse(responseCode = "404", description = "No such member")
  public HttpResponse<?> get(String id, Authentication caller) {
    MemberAccess.check(caller, id, "it may read only itself");
    return members
        .findById(id)
        .<HttpResponse<?>>map(member -> HttpResponse.ok(MemberView.of(member)))
        .orElseGet(() -> ErrorResponse.notFound("no member " + id));
  }

  @Get
  @Secured(Roles.STAFF)
  @Operation(summary = "Members, a page at a time (staff only)")
  public List<MemberView> list(
      @QueryValue(defaultValue = "0") @Min(0) int page,
      @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size) {
    return members.findAll(Pageable.from(page, size)).getContent().stream()
        .map(MemberView::of)
        .toList();
  }

  @Put("/{id}")
  @Transactional
  @Operation(summary = "Change a member's name, email or status")
  @ApiResponse(responseCode = "200", description = "Updated")
  @ApiResponse(responseCode = "400", description = "Invalid fields")
  @ApiResponse(
      responseCode = "403",
      description = "Another member's token, or a member changing its own status")
  @ApiResponse(responseCode = "404", description = "No such member")
  @ApiResponse(responseCode = "409", description = "Email already registered")
  public HttpResponse<?> update(
      String id, @Body @Valid MemberUpdate request, Authentication caller) {
    MemberAccess.check(caller, id, "it may change only itself");
    Member current = members.findById(id).orElse(null);
    if (current == null) {
      return ErrorResponse.notFound("no member " + id);
    }
    MemberStatus status = MemberStatus.valueOf(request.status());
    if (status != current.status()) {
      MemberAccess.checkStaff(caller, "change a member's status");
    }
    if (members.existsByEmailAndIdNotEqual(request.email(), id)) {
      return HttpResponse.status(HttpStatus.CONFLICT)
          .body(ErrorResponse.of("email already registered: " + request.email()));
    }
    Member updated = members.update(current.withProfile(request.name(), request.email(), status));
    return HttpResponse.ok(MemberView.of(updated));
  }

  @Delete("/{id}")
  @Transactional
  @Operation(summary = "Remove a member")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiResponse(responseCode = "403", description = "Another member's token")
  @ApiResponse(responseCode = "404", description = "No such member")
  public HttpResponse<?> delete(String id, Authentication caller) {
    MemberAccess.check(caller, id, "it may remove only itself");
    if (!members.existsById(id)) {
      return ErrorResponse.notFound("no member " + id);
    }
    members.deleteById(id);
    return HttpResponse.noContent();
  }
}
