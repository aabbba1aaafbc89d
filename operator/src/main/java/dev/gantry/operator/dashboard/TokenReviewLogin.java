package dev.gantry.operator.dashboard;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The in-cluster dashboard's login: every request carries a Kubernetes bearer token (from an auth
 * proxy's {@code Authorization} header, or pasted into the login form and kept in an HttpOnly
 * cookie); the API server says whose it is (TokenReview), and the dashboard acts as that user by
 * impersonation, never with its own rights. A token is checked again after {@link #RECHECK}, so a
 * revoked one stops working within that time; a session unused for {@link #IDLE} is forgotten.
 */
final class TokenReviewLogin implements Authenticator {

  static final String COOKIE = "gantry-token";
  static final Duration RECHECK = Duration.ofMinutes(2);

  /** A session whose token has not been checked for this long is forgotten. */
  static final Duration IDLE = Duration.ofMinutes(30);

  /** What a bearer token may hold (RFC 6750's b64token), so it can travel in a cookie as is. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  private final KubernetesClient own;
  private final Clock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  private record Session(Viewer viewer, Instant checkedAt) {}

  TokenReviewLogin(KubernetesClient own, Clock clock) {
    this.own = own;
    this.clock = clock;
  }

  @Override
  public Viewer authenticate(Context ctx) {
    String token = token(ctx);
    if (token == null || token.isBlank()) {
      return null;
    }
    String key = Secrets.digest(token);
    Session session = sessions.get(key);
    Instant now = clock.instant();
    if (session != null && session.checkedAt().plus(RECHECK).isAfter(now)) {
      return session.viewer();
    }
    forgetIdle(now);
    UserInfo user = review(token);
    if (user == null) {
      end(sessions.remove(key));
      return null;
    }
    if (session != null && session.viewer().user().equals(user.getUsername())) {
      // Still theirs: keep the client, so the page's open live views go on.
      sessions.put(key, new Session(session.viewer(), now));
      return session.viewer();
    }
    Session fresh = new Session(impersonating(user, key), now);
    end(sessions.put(key, fresh));
    return fresh.viewer();
  }

  /** Ends the sessions nobody has used for {@link #IDLE}, and their clients' watches. */
  private void forgetIdle(Instant now) {
    sessions
        .entrySet()
        .removeIf(
            e -> {
              boolean idle = e.getValue().checkedAt().plus(IDLE).isBefore(now);
              if (idle) {
                end(e.getValue());
              }
              return idle;
            });
  }

  private static void end(Session session) {
    if (session != null) {
      session.viewer().client().close();
    }
  }

  private static String token(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return ctx.cookie(COOKIE);
  }

  /** Who the token belongs to, or null when the API server does not accept it. */
  private UserInfo review(String token) {
    TokenReview review =
        own.resource(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build())
            .create();
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAuthenticated())
        ? review.getStatus().getUser()
        : null;
  }

  private Viewer impersonating(UserInfo user, String session) {
    Config config = new ConfigBuilder(own.getConfiguration()).build();
    config.setImpersonateUsername(user.getUsername());
    config.setImpersonateGroups(
        user.getGroups() == null ? new String[0] : user.getGroups().toArray(String[]::new));
    Map<String, List<String>> extras = new HashMap<>();
    if (user.getExtra() != null) {
      user.getExtra().forEach((key, values) -> extras.put(headerSafe(key), values));
    }
    config.setImpersonateExtras(extras);
    return new Viewer(
        new KubernetesClientBuilder().withConfig(config).build(), user.getUsername(), session);
  }

  /**
   * An extra's key as the API server reads it from an {@code Impersonate-Extra-} header name:
   * percent-encoded where a header name may not hold the character (service account tokens carry
   * keys such as {@code authentication.kubernetes.io/credential-id}). fabric8 7.5 sends the key as
   * is, which the JDK's HTTP client refuses as a header name.
   */
  static String headerSafe(String key) {
    StringBuilder out = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || "!#$&'*+.^_`|~-".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  @Override
  public void loginPage(Context ctx) {
    Pages.login(ctx, HttpStatus.OK, null);
  }

  @Override
  public void login(Context ctx) {
    String token = ctx.formParam("token") == null ? "" : ctx.formParam("token").trim();
    if (!TOKEN.matcher(token).matches() || review(token) == null) {
      Pages.login(ctx, HttpStatus.UNAUTHORIZED, "The API server does not accept this token.");
      return;
    }
    boolean https =
        "https".equalsIgnoreCase(ctx.scheme())
            || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    ctx.header(
        "Set-Cookie",
        COOKIE
            + "="
            + token
            + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800"
            + (https ? "; Secure" : ""));
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  @Override
  public boolean loopbackOnly() {
    return false;
  }

  @Override
  public void close() {
    sessions.values().forEach(TokenReviewLogin::end);
    sessions.clear();
  }
}
