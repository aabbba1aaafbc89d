package dev.gantry.operator.dashboard;

import io.javalin.http.Context;

/** How the dashboard learns who is asking, and gets a client that acts as them. */
interface Authenticator extends AutoCloseable {

  /** The viewer of this request, or null when it does not say who it is. */
  Viewer authenticate(Context ctx);

  /** {@code GET /login}. */
  void loginPage(Context ctx);

  /** {@code POST /login}. */
  void login(Context ctx);

  /** Whether requests must name a loopback host (a server on 127.0.0.1 refuses DNS rebinding). */
  boolean loopbackOnly();

  @Override
  void close();
}
