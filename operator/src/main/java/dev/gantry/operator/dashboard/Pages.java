package dev.gantry.operator.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the dashboard's templates ({@code src/main/jte}, compiled by the build), escaping every
 * value for where it lands in the HTML.
 */
final class Pages {

  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(
          null,
          ContentType.Html,
          Pages.class.getClassLoader(),
          "dev.gantry.operator.dashboard.templates");

  private Pages() {}

  static String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    TEMPLATES.render(template + ".jte", params, out);
    return out.toString();
  }

  static String render(String template, String name, Object value) {
    Map<String, Object> params = new HashMap<>();
    params.put(name, value);
    return render(template, params);
  }

  static void unauthorized(Context ctx, String message) {
    message(ctx, HttpStatus.UNAUTHORIZED, "Not signed in", message);
  }

  static void login(Context ctx, HttpStatus status, String error) {
    ctx.status(status).header("WWW-Authenticate", "Bearer").html(render("login", "error", error));
  }

  static void message(Context ctx, HttpStatus status, String title, String message) {
    Map<String, Object> params = new HashMap<>();
    params.put("title", title);
    params.put("message", message);
    ctx.status(status).html(render("message", params));
  }
}
