package dev.gantry.operator.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The local dashboard's login: it acts with the caller's kubeconfig, so it must be theirs alone.
 * The URL it prints carries a secret made at start; opening it sets that secret as an HttpOnly,
 * SameSite=Strict cookie, and every other request needs the cookie. Another local user, or a web
 * page in the browser, who reaches 127.0.0.1 without the secret gets 401.
 */
final class LocalLogin implements Authenticator {

  static final String COOKIE = "gantry-session";

  private final Viewer viewer;

  LocalLogin(KubernetesClient client, String user) {
    this.viewer = new Viewer(client, user, Secrets.random());
  }

  /** The path and query that sign the browser in. */
  String loginPath() {
    return "/login?secret=" + viewer.session();
  }

  @Override
  public Viewer authenticate(Context ctx) {
    return Secrets.same(viewer.session(), ctx.cookie(COOKIE)) ? viewer : null;
  }

  @Override
  public void loginPage(Context ctx) {
    if (!Secrets.same(viewer.session(), ctx.queryParam("secret"))) {
      Pages.unauthorized(ctx, "Open the address kubectl gantry dashboard printed.");
      return;
    }
    ctx.header(
        "Set-Cookie", COOKIE + "=" + viewer.session() + "; Path=/; HttpOnly; SameSite=Strict");
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  @Override
  public void login(Context ctx) {
    loginPage(ctx);
  }

  @Override
  public boolean loopbackOnly() {
    return true;
  }

  @Override
  public void close() {
    viewer.client().close();
  }
}
