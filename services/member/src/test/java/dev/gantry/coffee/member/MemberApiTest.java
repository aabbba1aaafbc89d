package dev.gantry.coffee.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.coffee.member.api.MemberView;
import dev.gantry.coffee.member.persistence.MemberRepository;
import dev.gantry.coffee.member.security.PasswordHashing;
import dev.gantry.testing.PostgresServer;
import dev.gantry.testing.TokenIssuer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberApiTest implements TestPropertyProvider {
  static final String STAFF_EMAIL = "staff@example.org";
  static final String STAFF_PASSWORD = "staff password 123";
  static final String PASSWORD = "correct horse battery";

  // the key member signs with: its tokens and this issuer's verify alike
  final TokenIssuer issuer = TokenIssuer.start();

  @Inject
  @Client("/")
  HttpClient http;

  @Inject MemberRepository repository;

  @Inject PasswordHashing passwords;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties =
        new HashMap<>(PostgresServer.shared().newDatabaseProperties("member"));
    properties.put("member.tokens.private-key", issuer.privateKeyPem());
    properties.put("member.staff.email", STAFF_EMAIL);
    properties.put("member.staff.password", STAFF_PASSWORD);
    // fewer rounds than production keeps the test quick; the scheme is the same
    properties.put("member.passwords.iterations", "10000");
    return properties;
  }

  @AfterAll
  void stopIssuer() {
    issuer.close();
  }

  private MemberView register(String name, String email) {
    return http.toBlocking()
        .retrieve(
            HttpRequest.POST(
                "/members", Map.of("name", name, "email", email, "password", PASSWORD)),
            MemberView.class);
  }

  private String login(String email, String password) {
    Map<?, ?> answer =
        http.toBlocking()
            .retrieve(
                HttpRequest.POST("/login", Map.of("username", email, "password", password)),
                Map.class);
    return (String) answer.get("access_token");
  }

  private static <T> MutableHttpRequest<T> as(String token, MutableHttpRequest<T> request) {
    return request.bearerAuth(token);
  }

  private static void assertStatus(Executable call, HttpStatus status, String... bodyParts) {
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            HttpClientResponseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
              if (bodyParts.length > 0) {
                assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains(bodyParts);
              }
            });
  }

  @Test
  void registersSignsInReadsUpdatesAndDeletesItself() {
    HttpResponse<MemberView> created =
        http.toBlocking()
            .exchange(
                HttpRequest.POST(
                    "/members",
                    Map.of("name", "Ada", "email", "ada@example.org", "password", PASSWORD)),
                MemberView.class);
    assertThat(created.status().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
    MemberView ada = created.body();
    assertThat(created.header("Location")).isEqualTo("/members/" + ada.id());
    assertThat(ada.status()).isEqualTo(MemberStatus.ACTIVE);
    assertThat(created.getBody(String.class).orElseThrow()).doesNotContain(PASSWORD);

    String token = login("ada@example.org", PASSWORD);
    assertThat(
            http.toBlocking()
                .retrieve(as(token, HttpRequest.GET("/members/" + ada.id())), MemberView.class))
        .isEqualTo(ada);

    MemberView renamed =
        http.toBlocking()
            .retrieve(
                as(
                    token,
                    HttpRequest.PUT(
                        "/members/" + ada.id(),
                        Map.of("name", "Ada L.", "email", "ada@example.org", "status", "ACTIVE"))),
                MemberView.class);
    assertThat(renamed.name()).isEqualTo("Ada L.");

    assertThat(
            http.toBlocking()
                .exchange(as(token, HttpRequest.DELETE("/members/" + ada.id())))
                .code())
        .isEqualTo(204);
    assertStatus(
        () -> http.toBlocking().retrieve(as(token, HttpRequest.GET("/members/" + ada.id()))),
        HttpStatus.NOT_FOUND);
  }

  @Test
  void aMembersTokenReachesOnlyThatMember() {
    MemberView eve = register("Eve", "eve@example.org");
    MemberView fay = register("Fay", "fay@example.org");
    String eves = login("eve@example.org", PASSWORD);

    assertStatus(
        () -> http.toBlocking().retrieve(as(eves, HttpRequest.GET("/members/" + fay.id()))),
        HttpStatus.FORBIDDEN,
        "this token is member " + eve.id() + "'s");
    assertStatus(
        () ->
            http.toBlocking()
                .exchange(
                    as(
                        eves,
                        HttpRequest.PUT(
                            "/members/" + fay.id(),
                            Map.of("name", "F", "email", "fay@example.org", "status", "ACTIVE")))),
        HttpStatus.FORBIDDEN);
    assertStatus(
        () -> http.toBlocking().exchange(as(eves, HttpRequest.DELETE("/members/" + fay.id()))),
        HttpStatus.FORBIDDEN);
    assertStatus(
        () -> http.toBlocking().exchange(as(eves, HttpRequest.GET("/members"))),
        HttpStatus.FORBIDDEN);
    assertThat(repository.findById(fay.id())).isPresent();
  }

  @Test
  void withoutAValidTokenNothingButRegistrationAndSignIn() {
    MemberView gus = register("Gus", "gus@example.org");
    assertStatus(
        () -> http.toBlocking().retrieve(HttpRequest.GET("/members/" + gus.id())),
        HttpStatus.UNAUTHORIZED,
        "Authorization: Bearer");
    assertStatus(
        () -> http.toBlocking().retrieve(HttpRequest.GET("/members")), HttpStatus.UNAUTHORIZED);
    String expired = issuer.token(gus.id(), Duration.ofMinutes(-5), "MEMBER");
    assertStatus(
        () -> http.toBlocking().retrieve(as(expired, HttpRequest.GET("/members/" + gus.id()))),
        HttpStatus.UNAUTHORIZED);
    try (TokenIssuer stranger = TokenIssuer.start()) {
      String forged = stranger.token(gus.id(), "STAFF");
      assertStatus(
          () -> http.toBlocking().retrieve(as(forged, HttpRequest.GET("/members"))),
          HttpStatus.UNAUTHORIZED);
    }
    assertStatus(() -> login("gus@example.org", "not the password"), HttpStatus.UNAUTHORIZED);
    assertStatus(() -> login("nobody@example.org", PASSWORD), HttpStatus.UNAUTHORIZED);
  }

  @Test
  void onlyStaffListMembersAndChangeAStatus() {
    MemberView bo = register("Bo", "bo@example.org");
    String bos = login("bo@example.org", PASSWORD);
    assertStatus(
        () ->
            http.toBlocking()
                .exchange(
                    as(
                        bos,
                        HttpRequest.PUT(
                            "/members/" + bo.id(),
                            Map.of(
                                "name", "Bo", "email", "bo@example.org", "status", "SUSPENDED")))),
        HttpStatus.FORBIDDEN,
        "only staff change a member's status");

    String staff = login(STAFF_EMAIL, STAFF_PASSWORD);
    MemberView suspended =
        http.toBlocking()
            .retrieve(
                as(
                    staff,
                    HttpRequest.PUT(
                        "/members/" + bo.id(),
                        Map.of("name", "Bo", "email", "bo@example.org", "status", "SUSPENDED"))),
                MemberView.class);
    assertThat(suspended.status()).isEqualTo(MemberStatus.SUSPENDED);
    List<MemberView> page =
        http.toBlocking()
            .retrieve(
                as(staff, HttpRequest.GET("/members?size=1")), Argument.listOf(MemberView.class));
    assertThat(page).hasSize(1);
  }

  @Test
  void theStaffAccountIsOneRowEvenWhenReplicasMakeItTogetherAndCanBeAnExistingMember()
      throws Exception {
    String email = "new-staff@example.org";
    ExecutorService replicas = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> starts = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        starts.add(
            replicas.submit(
                () ->
                    repository.upsertStaff(
                        UUID.randomUUID().toString(),
                        email,
                        Instant.now(),
                        passwords.hash("staff password 456"))));
      }
      for (Future<?> start : starts) {
        start.get(30, TimeUnit.SECONDS);
      }
    } finally {
      replicas.shutdown();
    }
    assertThat(repository.findByEmail(email).orElseThrow().role()).isEqualTo("STAFF");
    assertThat(login(email, "staff password 456")).isNotBlank();

    MemberView hal = register("Hal", "hal@example.org");
    repository.upsertStaff(
        UUID.randomUUID().toString(),
        "hal@example.org",
        Instant.now(),
        passwords.hash("hal is staff now"));
    String hals = login("hal@example.org", "hal is staff now");
    assertThat(http.toBlocking().exchange(as(hals, HttpRequest.GET("/members"))).code())
        .isEqualTo(200);
    assertThat(repository.findById(hal.id()).orElseThrow().role()).isEqualTo("STAFF");
  }

  @Test
  void refusesInvalidFieldsNamingEachAndStoresNothing() {
    long before = repository.count();
    assertStatus(
        () ->
            http.toBlocking()
                .exchange(
                    HttpRequest.POST(
                        "/members",
                        Map.of("name", "", "email", "not-an-email", "password", "short")),
                    String.class),
        HttpStatus.BAD_REQUEST,
        "\"field\":\"name\"",
        "\"field\":\"email\"",
        "\"field\":\"password\"");
    assertThat(repository.count()).isEqualTo(before);
  }

  @Test
  void refusesAnUnknownStatusNamingTheField() {
    MemberView cy = register("Cy", "cy@example.org");
    String staff = login(STAFF_EMAIL, STAFF_PASSWORD);
    assertStatus(
        () ->
            http.toBlocking()
                .exchange(
                    as(
                        staff,
                        HttpRequest.PUT(
                            "/members/" + cy.id(),
                            Map.of("name", "Cy", "email", "cy@example.org", "status", "ROYALTY"))),
                    String.class),
        HttpStatus.BAD_REQUEST,
        "\"field\":\"status\"",
        "must be ACTIVE or SUSPENDED");
    assertThat(repository.findById(cy.id()).orElseThrow().status()).isEqualTo(MemberStatus.ACTIVE);
  }

  @Test
  void refusesASecondMemberWithTheSameEmail() {
    register("Di", "di@example.org");
    assertStatus(() -> register("Di again", "di@example.org"), HttpStatus.CONFLICT);
  }

  @Test
  void servesHealthMetricsKeysAndItsOpenApiDocumentWithoutAToken() {
    assertThat(http.toBlocking().exchange("/health/readiness").status().getCode())
        .isEqualTo(HttpStatus.OK.getCode());
    assertThat(http.toBlocking().exchange("/health/liveness").status().getCode())
        .isEqualTo(HttpStatus.OK.getCode());
    register("Ed", "ed@example.org");
    String metrics = http.toBlocking().retrieve("/prometheus");
    assertThat(metrics).contains("http_server_requests_seconds_count", "uri=\"/members\"");
    String openapi = http.toBlocking().retrieve("/openapi/member-1.0.yml");
    assertThat(openapi).contains("/members/{id}:", "MemberView");
    assertThat(http.toBlocking().retrieve("/keys")).contains("\"kty\":\"RSA\"", "\"kid\"");
  }
}
