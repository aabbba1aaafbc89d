package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.ReleaseActionStatus;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The dashboard's web server. Every page is gathered with the viewer's client and rendered from
 * pure page models; live pages keep informers open as the viewer and push re-rendered fragments
 * over server-sent events; actions are ReleaseActions created as the viewer, exactly as {@code
 * kubectl gantry} makes them.
 */
public final class Dashboard implements AutoCloseable {

  static final Comparator<HasMetadata> BY_NAMESPACE_AND_NAME =
      Comparator.comparing((HasMetadata o) -> o.getMetadata().getNamespace())
          .thenComparing(o -> o.getMetadata().getName());

  /** A DNS label: what a namespace or a Microservice's name must be before it reaches a URL. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** The actions the page offers: the release manager's commands on one Microservice. */
  static final Set<ReleaseActionSpec.Action> OFFERED =
      Set.of(
          ReleaseActionSpec.Action.SetWeight,
          ReleaseActionSpec.Action.Promote,
          ReleaseActionSpec.Action.PromoteFull,
          ReleaseActionSpec.Action.Pause,
          ReleaseActionSpec.Action.Resume,
          ReleaseActionSpec.Action.Abort,
          ReleaseActionSpec.Action.Undo);

  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** How long an action's answer is awaited before the page says it is still pending. */
  static final long ACTION_WAIT_SECONDS = 10;

  /**
   * Where and how to serve.
   *
   * @param namespaces where to look when the viewer may not list Microservices cluster-wide (empty:
   *     every namespace they may list, or their context's)
   */
  public record Settings(String address, int port, List<String> namespaces) {}

  private final Authenticator authenticator;
  private final Settings settings;
  private final Secrets secrets = new Secrets();
  private final Timeline timeline = new Timeline();
  private final Set<LiveStream> live = ConcurrentHashMap.newKeySet();
  private final Clock clock;
  private final Javalin server;

  private Dashboard(Authenticator authenticator, Settings settings, Clock clock) {
    this.authenticator = authenticator;
    this.settings = settings;
    this.clock = clock;
    this.server = Javalin.create(this::configure);
  }

  /**
   * The dashboard of the caller of {@code kubectl gantry dashboard}: it acts with {@code client}
   * (their kubeconfig; the dashboard closes it) and serves only on a loopback address, to a browser
   * holding the secret of {@link #url()}.
   */
  public static Dashboard local(KubernetesClient client, Settings settings) {
    if (!loopback(settings.address())) {
      throw new IllegalArgumentException(
          "--address "
              + settings.address()
              + ": the local dashboard acts with your kubeconfig and serves only on a loopback"
              + " address; run it in the cluster (gantry-operator's dashboard.enabled) to serve"
              + " others");
    }
    SelfSubjectReview review = client.resource(new SelfSubjectReview()).create();
    String user = review.getStatus().getUserInfo().getUsername();
    return new Dashboard(new LocalLogin(client, user), settings, Clock.systemUTC()).start();
  }

  /**
   * The dashboard in the cluster: it authenticates every request with TokenReview and acts as that
   * user by impersonation. Refuses to start unless {@code own} may do exactly that.
   */
  public static Dashboard inCluster(KubernetesClient own, Settings settings) {
    List<String> missing = new ArrayList<>();
    if (!Permissions.may(own, "create", "authentication.k8s.io", "tokenreviews", "")) {
      missing.add("create tokenreviews.authentication.k8s.io");
    }
    for (String kind : List.of("users", "groups", "serviceaccounts")) {
      if (!Permissions.may(own, "impersonate", "", kind, "")) {
        missing.add("impersonate " + kind);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the dashboard authenticates every request and acts as its user; its service account"
              + " may not "
              + String.join(", ", missing)
              + " (install it with gantry-operator's dashboard.enabled=true)");
    }
    return new Dashboard(new TokenReviewLogin(own, Clock.systemUTC()), settings, Clock.systemUTC())
        .start();
  }

  private Dashboard start() {
    server.start(settings.address(), settings.port());
    return this;
  }

  /** The port served on (the free one chosen when asked for 0). */
  public int port() {
    return server.port();
  }

  /** The address to open: for the local dashboard, with the secret that signs the browser in. */
  public String url() {
    String host =
        settings.address().contains(":") ? "[" + settings.address() + "]" : settings.address();
    String base = "http://" + host + ":" + port();
    return authenticator instanceof LocalLogin local ? base + local.loginPath() : base + "/";
  }

  private void configure(io.javalin.config.JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.staticFiles.enableWebjars();
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/static";
          files.directory = "/dashboard/static";
          files.location = Location.CLASSPATH;
        });
    var routes = config.routes;
    routes.before(this::guard);
    routes.get("/healthz", ctx -> ctx.result("ok"));
    routes.get("/login", authenticator::loginPage);
    routes.post("/login", authenticator::login);
    routes.get("/", this::list);
    routes.sse("/live", sse -> live(sse.ctx(), sse));
    routes.get("/services/{namespace}/{name}", this::service);
    routes.sse(
        "/services/{namespace}/{name}/live",
        sse ->
            stream(
                sse.ctx(),
                sse,
                (viewer, target) ->
                    new LiveService(
                        sse,
                        live,
                        viewer,
                        target.namespace(),
                        target.name(),
                        access(viewer, target.namespace()),
                        timeline,
                        clock)));
    routes.post("/services/{namespace}/{name}/actions", ctx -> act(ctx, false));
    routes.get("/groups/{namespace}/{name}", this::group);
    routes.sse(
        "/groups/{namespace}/{name}/live",
        sse ->
            stream(
                sse.ctx(),
                sse,
                (viewer, target) ->
                    new LiveGroup(
                        sse,
                        live,
                        viewer,
                        target.namespace(),
                        target.name(),
                        Permissions.mayCreateReleaseActions(viewer.client(), target.namespace()),
                        clock)));
    routes.post("/groups/{namespace}/{name}/actions", ctx -> act(ctx, true));
    routes.exception(KubernetesClientException.class, this::refused);
  }

  /**
   * Headers for every answer; the host check; no form from another site; and who is asking, for all
   * but login and assets.
   */
  private void guard(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (authenticator.loopbackOnly() && !loopbackHost(ctx.host())) {
      Pages.message(
          ctx,
          HttpStatus.FORBIDDEN,
          "Wrong address",
          "Open the dashboard at 127.0.0.1 or localhost.");
      ctx.skipRemainingHandlers();
      return;
    }
    if (ctx.method() == HandlerType.POST && !sameOrigin(ctx)) {
      Pages.message(
          ctx,
          HttpStatus.FORBIDDEN,
          "Refused",
          "This form was sent from another site (its Origin is not this dashboard's).");
      ctx.skipRemainingHandlers();
      return;
    }
    String path = ctx.path();
    if (path.startsWith("/static/")
        || path.startsWith("/webjars/")
        || path.equals("/login")
        || path.equals("/healthz")) {
      return;
    }
    ctx.header("Cache-Control", "no-store");
    Viewer viewer = authenticator.authenticate(ctx);
    if (viewer == null) {
      if (authenticator instanceof LocalLogin) {
        Pages.unauthorized(ctx, "Open the address kubectl gantry dashboard printed.");
      } else {
        Pages.login(ctx, HttpStatus.UNAUTHORIZED, null);
      }
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute("viewer", viewer);
  }

  private static Viewer viewer(Context ctx) {
    return ctx.attribute("viewer");
  }

  private void list(Context ctx) {
    Viewer viewer = viewer(ctx);
    Scope services = Scope.of(viewer.client(), settings.namespaces(), "microservices");
    Scope groups = Scope.of(viewer.client(), settings.namespaces(), "releasegroups");
    List<Microservice> found = listed(viewer, services, Microservice.class);
    found.forEach(ms -> timeline.observe(ms, clock.instant()));
    ListPage page =
        new ListPage(
            viewer.user(),
            services.describe(),
            found.stream().map(ServiceRow::of).toList(),
            listed(viewer, groups, ReleaseGroup.class).stream().map(GroupRow::of).toList());
    ctx.html(Pages.render("list", "page", page));
  }

  private static <T extends HasMetadata> List<T> listed(Viewer viewer, Scope scope, Class<T> kind) {
    var resources = viewer.client().resources(kind);
    List<T> out = new ArrayList<>();
    if (scope.everywhere()) {
      out.addAll(resources.inAnyNamespace().list().getItems());
    } else {
      scope.namespaces().forEach(ns -> out.addAll(resources.inNamespace(ns).list().getItems()));
    }
    out.sort(BY_NAMESPACE_AND_NAME);
    return out;
  }

  private void live(Context ctx, io.javalin.http.sse.SseClient sse) {
    Viewer viewer = viewer(ctx);
    sse.keepAlive();
    new LiveList(
            sse,
            live,
            viewer,
            Scope.of(viewer.client(), settings.namespaces(), "microservices"),
            Scope.of(viewer.client(), settings.namespaces(), "releasegroups"),
            timeline,
            clock)
        .start();
  }

  private void service(Context ctx) {
    Viewer viewer = viewer(ctx);
    Microservice ms = lookup(ctx, viewer, Microservice.class, "Microservice");
    if (ms != null) {
      timeline.observe(ms, clock.instant());
      ctx.html(render(viewer, ms, access(viewer, ms.getMetadata().getNamespace())));
    }
  }

  /**
   * The object the path names ({@code {namespace}/{name}}) as the viewer reads it, or null after
   * answering 404 when the path names none.
   */
  private static <T extends HasMetadata> T lookup(
      Context ctx, Viewer viewer, Class<T> kind, String what) {
    Target target = Target.of(ctx);
    if (target == null) {
      return null;
    }
    T found =
        viewer
            .client()
            .resources(kind)
            .inNamespace(target.namespace())
            .withName(target.name())
            .get();
    if (found == null) {
      Pages.message(
          ctx,
          HttpStatus.NOT_FOUND,
          "Not found",
          "No " + what + " " + target.name() + " in namespace " + target.namespace() + ".");
    }
    return found;
  }

  /** The namespace and name a path names, both DNS labels. */
  private record Target(String namespace, String name) {

    /** The target of the request's path, or null after answering 404 when it names none. */
    static Target of(Context ctx) {
      String namespace = ctx.pathParam("namespace");
      String name = ctx.pathParam("name");
      if (!LABEL.matcher(namespace).matches() || !LABEL.matcher(name).matches()) {
        Pages.message(ctx, HttpStatus.NOT_FOUND, "Not found", "No such namespace or name.");
        return null;
      }
      return new Target(namespace, name);
    }
  }

  private String render(Viewer viewer, Microservice ms, LiveService.Access access) {
    String namespace = ms.getMetadata().getNamespace();
    String name = ms.getMetadata().getName();
    KubernetesClient client = viewer.client();
    List<Deployment> deployments =
        access.deployments()
            ? client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withLabel(Labels.MICROSERVICE, name)
                .list()
                .getItems()
            : null;
    List<Event> events =
        access.events()
            ? about(
                client
                    .v1()
                    .events()
                    .inNamespace(namespace)
                    .withField("involvedObject.name", name)
                    .list()
                    .getItems())
            : null;
    ServicePage page =
        ServicePage.of(
            ms,
            deployments,
            events,
            timeline.series(namespace, name),
            access.act(),
            clock.instant());
    Map<String, Object> params = new HashMap<>();
    params.put("page", page);
    params.put(
        "graph",
        ServiceGraph.of(
            client.resources(Microservice.class).inNamespace(namespace).list().getItems()));
    params.put("user", viewer.user());
    params.put("csrf", secrets.csrfToken(viewer.session()));
    params.put("live", "/services/" + namespace + "/" + name + "/live");
    params.put("outcome", null);
    return Pages.render("service", params);
  }

  private static LiveService.Access access(Viewer viewer, String namespace) {
    KubernetesClient client = viewer.client();
    return new LiveService.Access(
        Permissions.may(client, "list", "apps", "deployments", namespace),
        Permissions.may(client, "list", "", "events", namespace),
        Permissions.mayCreateReleaseActions(client, namespace));
  }

  /** Starts the live view {@code view} makes of the path's target, as the viewer. */
  private void stream(
      Context ctx, io.javalin.http.sse.SseClient sse, BiFunction<Viewer, Target, LiveStream> view) {
    Target target = Target.of(ctx);
    if (target == null) {
      sse.close();
      return;
    }
    sse.keepAlive();
    view.apply(viewer(ctx), target).start();
  }

  private void group(Context ctx) {
    Viewer viewer = viewer(ctx);
    ReleaseGroup group = lookup(ctx, viewer, ReleaseGroup.class, "release group");
    if (group == null) {
      return;
    }
    String namespace = group.getMetadata().getNamespace();
    Map<String, Object> params = new HashMap<>();
    params.put(
        "page",
        GroupPage.of(
            group,
            Permissions.mayCreateReleaseActions(viewer.client(), namespace),
            clock.instant()));
    params.put("user", viewer.user());
    params.put("csrf", secrets.csrfToken(viewer.session()));
    params.put("outcome", null);
    ctx.html(Pages.render("group", params));
  }

  /** The actions panel, re-rendered after an action with what came of it. */
  private String actions(
      String href, ServicePage.Controls controls, Integer weight, Viewer viewer, String outcome) {
    Map<String, Object> params = new HashMap<>();
    params.put("path", "/" + href + "/actions");
    params.put("controls", controls);
    params.put("weight", weight);
    params.put("csrf", secrets.csrfToken(viewer.session()));
    params.put("outcome", outcome);
    return Pages.render("actions", params);
  }

  /** A ReleaseAction on the Microservice, or with {@code group} on every member of the group. */
  private void act(Context ctx, boolean group) {
    Viewer viewer = viewer(ctx);
    Target target = Target.of(ctx);
    if (target == null) {
      return;
    }
    String namespace = target.namespace();
    String name = target.name();
    if (!secrets.validCsrfToken(viewer.session(), ctx.formParam("_csrf"))) {
      Pages.message(
          ctx,
          HttpStatus.FORBIDDEN,
          "Refused",
          "This form did not come from this dashboard (its CSRF token is missing or wrong);"
              + " reload the page and try again.");
      return;
    }
    ActionForm form;
    try {
      form =
          ActionForm.parse(
              ctx.formParam("action"), ctx.formParam("weight"), ctx.formParam("reason"));
    } catch (IllegalArgumentException e) {
      Pages.message(ctx, HttpStatus.BAD_REQUEST, "Not done", e.getMessage());
      return;
    }
    ReleaseAction created =
        viewer
            .client()
            .resource(
                ReleaseAction.request(
                    namespace,
                    name,
                    group,
                    form.action(),
                    form.weight(),
                    form.reason(),
                    viewer.user()))
            .create();
    String outcome = outcome(viewer, created);
    String href = (group ? "groups/" : "services/") + namespace + "/" + name;
    if (ctx.header("HX-Request") == null) {
      ctx.redirect("/" + href, HttpStatus.SEE_OTHER);
      return;
    }
    // The API server has just let them create a ReleaseAction here: no need to ask it again.
    ServicePage.Controls allowed = new ServicePage.Controls(true);
    if (group) {
      ReleaseGroup found =
          viewer.client().resources(ReleaseGroup.class).inNamespace(namespace).withName(name).get();
      ctx.html(
          actions(
              href,
              allowed,
              found == null || found.getStatus() == null ? null : found.getStatus().weight(),
              viewer,
              outcome));
      return;
    }
    Microservice ms =
        viewer.client().resources(Microservice.class).inNamespace(namespace).withName(name).get();
    ctx.html(
        actions(
            href,
            allowed,
            ms == null || ms.getStatus() == null ? null : ms.getStatus().canaryWeight(),
            viewer,
            outcome));
  }

  /** The operator's answer to {@code action}, or that it has not answered yet. */
  private static String outcome(Viewer viewer, ReleaseAction action) {
    String label = action.getSpec().action() + " (" + action.getMetadata().getName() + ")";
    try {
      ReleaseAction answered =
          viewer
              .client()
              .resources(ReleaseAction.class)
              .inNamespace(action.getMetadata().getNamespace())
              .withName(action.getMetadata().getName())
              .waitUntilCondition(
                  a -> a != null && a.getStatus() != null && a.getStatus().outcome() != null,
                  ACTION_WAIT_SECONDS,
                  TimeUnit.SECONDS);
      ReleaseActionStatus status = answered.getStatus();
      return label
          + " "
          + status.outcome().toLowerCase(java.util.Locale.ROOT)
          + ": "
          + status.message();
    } catch (KubernetesClientTimeoutException e) {
      return label
          + " is waiting for the operator's answer; the page shows its effect when it comes.";
    }
  }

  private boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return true;
    }
    String forwarded = ctx.header("X-Forwarded-Proto");
    String scheme = forwarded != null ? forwarded : ctx.scheme();
    return origin.equalsIgnoreCase(scheme + "://" + ctx.host());
  }

  private void refused(KubernetesClientException e, Context ctx) {
    String detail =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    switch (e.getCode()) {
      case 401, 403 ->
          Pages.message(
              ctx, HttpStatus.FORBIDDEN, "Not allowed", "The API server refused: " + detail);
      case 404 -> Pages.message(ctx, HttpStatus.NOT_FOUND, "Not found", detail);
      case 400, 409, 422 ->
          Pages.message(
              ctx, HttpStatus.BAD_REQUEST, "Not done", "The API server refused: " + detail);
      default ->
          Pages.message(
              ctx,
              HttpStatus.BAD_GATEWAY,
              "API server unavailable",
              "The API server said: " + detail);
    }
  }

  /** The Events about a Microservice (not about another kind of the same name). */
  static List<Event> about(List<Event> events) {
    return events.stream()
        .filter(e -> "Microservice".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  /** The graph fragment of a namespace's services. */
  static String graph(List<Microservice> services, String current) {
    Map<String, Object> params = new HashMap<>();
    params.put("graph", ServiceGraph.of(services));
    params.put("current", current);
    return Pages.render("graph", params);
  }

  static boolean loopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String port = ":" + port();
    return host.equals("127.0.0.1" + port)
        || host.equals("localhost" + port)
        || host.equals("[::1]" + port);
  }

  /** Stops serving; open live views end, and the browsers' reconnects fail until restarted. */
  @Override
  public void close() {
    List.copyOf(live).forEach(LiveStream::close);
    server.stop();
    authenticator.close();
  }
}
