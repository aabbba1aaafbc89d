package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupSpec;
import dev.gantry.operator.testing.Helm;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The local dashboard in headless Chromium, against the real control plane and operator, for three
 * users: alice (gantry-release-manager in one namespace), bob (may only read Microservices there),
 * and nobody in the second namespace, which holds a service none of them may see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

  private static final String CANARY =
      """
      image: shop/order:%s
      replicas: 2
      rollout: {strategy: Canary, canary: {steps: [{setWeight: 10}, {pause: {}}]}}
      """;

  private LocalCluster cluster;
  private Microservices team;
  private Microservices other;
  private RunningOperator operator;

  @BeforeAll
  void releaseInProgress() {
    cluster = LocalCluster.shared();
    team = new Microservices(cluster, cluster.createNamespace("dash"));
    other = new Microservices(cluster, cluster.createNamespace("dash-hidden"));
    bind(user("alice"), "ClusterRole", "gantry-release-manager");
    cluster
        .admin()
        .rbac()
        .roles()
        .inNamespace(team.namespace())
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("msvc-reader")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("gantry.dev")
                        .withResources("microservices")
                        .withVerbs("get", "list", "watch")
                        .build())
                .build())
        .create();
    bind(user("bob"), "Role", "msvc-reader");
    operator = RunningOperator.start(cluster, team.namespace());
    team.create("order", CANARY.formatted("1"));
    team.create("member", "image: shop/member:1\nreplicas: 1\n");
    other.create("secret-ledger", "image: shop/ledger:1\nreplicas: 1\n");
    team.await("order", "healthy", s -> s.phase() == Phase.Healthy);
    team.await("member", "healthy", s -> s.phase() == Phase.Healthy);
    team.edit("order", CANARY.formatted("2"));
    team.await("order", "paused at 10%", s -> s.phase() == Phase.Paused);
  }

  @AfterAll
  void stop() {
    operator.close();
  }

  private void bind(Subject subject, String kind, String role) {
    cluster
        .admin()
        .rbac()
        .roleBindings()
        .inNamespace(team.namespace())
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(subject.getName() + "-" + role)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind(kind)
                .withName(role)
                .endRoleRef()
                .withSubjects(subject)
                .build())
        .create();
  }

  private static Subject user(String name) {
    return new SubjectBuilder()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("User")
        .withName(name)
        .build();
  }

  private Subject serviceAccount(String name) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withName(name)
        .withNamespace(team.namespace())
        .build();
  }

  private Dashboard dashboardOf(String user) {
    return Dashboard.local(
        cluster.as(user),
        new Dashboard.Settings("127.0.0.1", 0, List.of(team.namespace(), other.namespace())));
  }

  @Test
  void listShowsPhasesAndFollowsAWeightChangeWithoutReload() {
    try (Dashboard dashboard = dashboardOf("alice");
        Browser browser = new Browser(1280, 900)) {
      browser.driver.get(dashboard.url());
      awaitLive(browser);
      assertThat(cell(browser, "order", ".phase")).isEqualTo("Paused");
      assertThat(cell(browser, "member", ".phase")).isEqualTo("Healthy");
      assertThat(cell(browser, "order", ".weight")).isEqualTo("canary 10%");
      assertThat(browser.driver.findElement(By.cssSelector("header .user")).getText())
          .contains("alice");

      var moved = team.gantry("set-weight", "order", "30", "--reason", "more traffic");
      assertThat(moved.code()).as(moved.err()).isZero();
      team.await("order", "weight 30 in status", s -> Integer.valueOf(30).equals(s.canaryWeight()));
      await("the open page shows 30% without a reload")
          .atMost(Duration.ofSeconds(1))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> cell(browser, "order", ".weight").equals("canary 30%"));
      browser.screenshot("list");

      browser.driver.findElement(By.id("filter")).sendKeys("healthy");
      await("only the healthy member is shown")
          .atMost(Duration.ofSeconds(5))
          .ignoreExceptions()
          .until(
              () ->
                  browser
                          .driver
                          .findElement(By.id("svc." + team.namespace() + ".member"))
                          .isDisplayed()
                      && !browser
                          .driver
                          .findElement(By.id("svc." + team.namespace() + ".order"))
                          .isDisplayed());
    }
  }

  @Test
  void promoteButtonCreatesAReleaseActionInTheUsersName() {
    try (Dashboard dashboard = dashboardOf("alice");
        Browser browser = new Browser(1280, 1600)) {
      browser.driver.get(dashboard.url());
      awaitLive(browser);
      browser.driver.findElement(By.linkText("order")).click();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> browser.driver.getTitle().startsWith("order"));
      awaitLive(browser);
      browser.screenshot("service");
      browser.driver.findElement(By.name("reason")).sendKeys("canary looks good");
      browser.driver.findElement(By.cssSelector("button[value=Promote]")).click();
      awaitAction(
          "a Promote ReleaseAction by alice",
          a ->
              a.getSpec().action() == ReleaseActionSpec.Action.Promote
                  && "alice".equals(a.getSpec().requestedBy())
                  && "canary looks good".equals(a.getSpec().reason()));
      await("the page says what came of it")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !browser.driver.findElements(By.id("outcome")).isEmpty());
      assertThat(browser.driver.findElement(By.id("outcome")).getText()).startsWith("Promote");
    }
  }

  @Test
  void aUserWhoMayNotCreateReleaseActionsSeesNoEnabledActionAndIsRefusedWhenPostingAnyway()
      throws Exception {
    try (Dashboard dashboard = dashboardOf("bob");
        Browser browser = new Browser(1280, 900)) {
      browser.driver.get(dashboard.url());
      browser.driver.get(base(dashboard) + "/services/" + team.namespace() + "/order");
      List<WebElement> buttons = browser.driver.findElements(By.cssSelector("#actions button"));
      assertThat(buttons).hasSize(7).allSatisfy(b -> assertThat(b.isEnabled()).isFalse());
      assertThat(browser.driver.findElement(By.id("denied")).getText())
          .contains("may not create ReleaseActions");

      Session bob = Session.signIn(dashboard);
      String page = bob.get("/services/" + team.namespace() + "/order").body();
      HttpResponse<String> posted =
          bob.post(
              "/services/" + team.namespace() + "/order/actions",
              "_csrf=" + csrf(page) + "&action=Promote&reason=anyway");
      assertThat(posted.statusCode()).isEqualTo(403);
      assertThat(posted.body()).contains("The API server refused");
      assertThat(
              cluster
                  .admin()
                  .resources(ReleaseAction.class)
                  .inNamespace(team.namespace())
                  .list()
                  .getItems())
          .noneMatch(a -> "bob".equals(a.getSpec().requestedBy()));

      HttpResponse<String> forged =
          bob.post(
              "/services/" + team.namespace() + "/order/actions", "_csrf=forged&action=Promote");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("CSRF");

      HttpResponse<String> crossSite =
          bob.post(
              "/services/" + team.namespace() + "/order/actions",
              "_csrf=" + csrf(page) + "&action=Promote",
              "http://attacker.example");
      assertThat(crossSite.statusCode()).isEqualTo(403);
      assertThat(crossSite.body()).contains("another site");
    }
  }

  @Test
  void aReleaseGroupHasItsPageAndItsActionsActOnTheGroupAsTheUser() {
    team.create("ledger", "image: shop/ledger:1\nreplicas: 1\n");
    ReleaseGroup group = new ReleaseGroup();
    group.setMetadata(
        new ObjectMetaBuilder().withName("books").withNamespace(team.namespace()).build());
    group.setSpec(
        Serialization.unmarshal(
            "members: [ledger]\nsteps: [{setWeight: 50}, {pause: {}}]\ngatherSeconds: 1\n",
            ReleaseGroupSpec.class));
    cluster.admin().resource(group).create();
    try (Dashboard dashboard = dashboardOf("alice");
        Browser browser = new Browser(1280, 900)) {
      browser.driver.get(dashboard.url());
      awaitLive(browser);
      await("the group's row")
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> browser.driver.findElement(By.linkText("books")).isDisplayed());
      browser.driver.findElement(By.linkText("books")).click();
      awaitLive(browser);
      assertThat(browser.driver.findElement(By.id("members-heading")).isDisplayed()).isTrue();
      await("ledger among the members")
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> browser.driver.findElement(By.linkText("ledger")).isDisplayed());
      browser.driver.findElement(By.name("reason")).sendKeys("month end");
      browser.driver.findElement(By.cssSelector("button[value=Pause]")).click();
      awaitAction(
          "a Pause of group books by alice",
          a ->
              "books".equals(a.getSpec().group())
                  && a.getSpec().target() == null
                  && a.getSpec().action() == ReleaseActionSpec.Action.Pause
                  && "alice".equals(a.getSpec().requestedBy()));
      await("the page says what came of it")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !browser.driver.findElements(By.id("outcome")).isEmpty());
      browser.screenshot("group");
    }
  }

  @Test
  void servicesOfANamespaceTheUserMayNotReadAppearNeitherInThePageNorInTheStream()
      throws Exception {
    try (Dashboard dashboard = dashboardOf("alice")) {
      Session alice = Session.signIn(dashboard);
      String list = alice.get("/").body();
      assertThat(list)
          .contains("order")
          .doesNotContain("secret-ledger")
          .doesNotContain(other.namespace());
      assertThat(alice.get("/services/" + other.namespace() + "/secret-ledger").statusCode())
          .isEqualTo(403);

      List<String> stream = alice.stream("/live");
      await().atMost(Duration.ofSeconds(10)).until(() -> stream.contains("event: services"));
      other.edit("secret-ledger", "image: shop/ledger:2\nreplicas: 1\n");
      team.edit("member", "image: shop/member:2\nreplicas: 1\n");
      await("member's change in alice's stream")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stream.stream()
                      .anyMatch(
                          l ->
                              l.contains("shop/member:2")
                                  || l.contains("event: svc." + team.namespace() + ".member")));
      assertThat(String.join("\n", stream))
          .doesNotContain("secret-ledger")
          .doesNotContain(other.namespace());
    }
  }

  @Test
  void withoutTheSecretOfItsAddressTheLocalDashboardAnswers401() throws Exception {
    try (Dashboard dashboard = dashboardOf("alice")) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(URI.create(base(dashboard) + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("order");
      HttpResponse<String> guessed =
          http.send(
              HttpRequest.newBuilder(URI.create(base(dashboard) + "/login?secret=guess")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(guessed.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void inTheClusterItAnswers401WithoutATokenAndActsAsTheTokensOwnerWithOne() throws Exception {
    String namespace = team.namespace();
    Path rbac = Files.createTempFile("dashboard-rbac", ".yaml");
    Files.writeString(
        rbac,
        Helm.offline()
            .ok(
                "template",
                "gd",
                Helm.chart("gantry-operator"),
                "--namespace",
                namespace,
                "--set",
                "dashboard.enabled=true",
                "--show-only",
                "templates/dashboard-rbac.yaml"));
    cluster.kubectl("apply", "-f", rbac.toString());
    for (String account : List.of("viewer", "nobody")) {
      cluster
          .admin()
          .serviceAccounts()
          .inNamespace(namespace)
          .resource(
              new ServiceAccountBuilder().withNewMetadata().withName(account).endMetadata().build())
          .create();
    }
    bind(serviceAccount("viewer"), "Role", "msvc-reader");

    try (KubernetesClient nobody = clientWithToken(token("nobody"))) {
      assertThatThrownBy(
              () -> Dashboard.inCluster(nobody, new Dashboard.Settings("127.0.0.1", 0, List.of())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("create tokenreviews")
          .hasMessageContaining("impersonate users");
    }
    try (Dashboard dashboard =
        Dashboard.inCluster(
            clientWithToken(token("gantry-operator-dashboard")),
            new Dashboard.Settings("127.0.0.1", 0, List.of(namespace, other.namespace())))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(URI.create(base(dashboard) + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("Sign in").doesNotContain("order");

      HttpResponse<String> viewer =
          http.send(
              HttpRequest.newBuilder(URI.create(base(dashboard) + "/"))
                  .header("Authorization", "Bearer " + token("viewer"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(viewer.statusCode()).isEqualTo(200);
      assertThat(viewer.body())
          .contains("system:serviceaccount:" + namespace + ":viewer")
          .contains("svc." + namespace + ".order")
          .doesNotContain("secret-ledger");

      HttpResponse<String> forged =
          http.send(
              HttpRequest.newBuilder(URI.create(base(dashboard) + "/"))
                  .header("Authorization", "Bearer not-a-token")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void chartsDrawTheWeightAndEachMetricAgainstItsThresholdAndThePageFitsAPhone() {
    String namespace = other.namespace();
    other.create(
        "charted",
        """
        image: shop/charted:2
        replicas: 2
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 10}, {pause: {duration: 1m}}, {setWeight: 40}, {pause: {}}]
            analysis:
              metrics: [{name: request-success-rate, thresholdRange: {min: 0.95}}]
        """);
    try (Dashboard dashboard =
            Dashboard.local(
                adminClient(), new Dashboard.Settings("127.0.0.1", 0, List.of(namespace)));
        Browser browser = new Browser(1280, 1600)) {
      browser.driver.get(dashboard.url());
      browser.driver.get(base(dashboard) + "/services/" + namespace + "/charted");
      awaitLive(browser);
      checked(namespace, 10, 1, "2026-12-04T10:00:00Z", 0.991);
      checked(namespace, 40, 2, "2026-12-04T10:01:00Z", 0.97);
      await("a weight chart and a chart of request-success-rate")
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(
              () ->
                  browser.driver.findElements(By.cssSelector("figure.chart canvas")).size() == 2
                      && browser
                          .driver
                          .findElement(By.cssSelector(".charts"))
                          .getText()
                          .contains("request-success-rate"));
      assertThat(browser.driver.findElement(By.cssSelector(".charts")).getText())
          .contains("canary")
          .contains("stable")
          .contains("min");
      assertThat(browser.driver.findElement(By.id("canary-weight")).getText()).isEqualTo("40");
      browser.screenshot("charts");

      browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
      Object overflow =
          browser.driver.executeScript(
              "return document.documentElement.scrollWidth > window.innerWidth + 1");
      assertThat(overflow).as("no sideways scrolling on a phone").isEqualTo(false);
      browser.screenshot("service-phone");
    }
  }

  /** A client of the cluster's administrator of its own (a dashboard closes its client). */
  private KubernetesClient adminClient() {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfig())))
          .build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes the status the operator would after an analysis check at {@code weight}. */
  private void checked(String namespace, int weight, int step, String at, double successRate) {
    cluster
        .admin()
        .resources(Microservice.class)
        .inNamespace(namespace)
        .withName("charted")
        .editStatus(
            ms -> {
              ms.setStatus(
                  MicroserviceStatus.builder()
                      .phase(Phase.Progressing)
                      .stableRevision("s1")
                      .canaryRevision("c2")
                      .canaryWeight(weight)
                      .currentStepIndex(step)
                      .readyReplicas(2)
                      .canaryReadyReplicas(1)
                      .analysis(
                          new AnalysisStatus(
                              at,
                              "Passed",
                              "c2",
                              weight,
                              0,
                              0,
                              null,
                              List.of(
                                  new AnalysisStatus.Measurement(
                                      "request-success-rate",
                                      "q",
                                      successRate,
                                      0.999,
                                      200.0,
                                      "[0.95, +inf]",
                                      "Passed",
                                      "within [0.95, +inf]"))))
                      .build());
              return ms;
            });
  }

  /** Waits until a ReleaseAction in the team's namespace matches {@code wanted}. */
  private void awaitAction(String what, Predicate<ReleaseAction> wanted) {
    await(what)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                cluster
                    .admin()
                    .resources(ReleaseAction.class)
                    .inNamespace(team.namespace())
                    .list()
                    .getItems()
                    .stream()
                    .anyMatch(wanted));
  }

  private String token(String account) {
    return cluster
        .admin()
        .serviceAccounts()
        .inNamespace(team.namespace())
        .withName(account)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  /** A client that authenticates with {@code token} alone, as a pod's service account does. */
  private KubernetesClient clientWithToken(String token) {
    Config admin = cluster.admin().getConfiguration();
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.getMasterUrl())
            .withCaCertFile(admin.getCaCertFile())
            .withCaCertData(admin.getCaCertData())
            .withOauthToken(token)
            .withNamespace(team.namespace())
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * The text of {@code css} in the row of {@code name}, read afresh (live updates replace rows).
   */
  private String cell(Browser browser, String name, String css) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(StaleElementReferenceException.class)
        .ignoreException(NoSuchElementException.class)
        .until(
            () ->
                browser
                    .driver
                    .findElement(By.id("svc." + team.namespace() + "." + name))
                    .findElement(By.cssSelector(css))
                    .getText(),
            text -> text != null);
  }

  /** Waits until the page's event stream is open, so what changes next reaches it. */
  private static void awaitLive(Browser browser) {
    await("the live stream is open")
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> browser.driver.findElement(By.id("live-state")).getText().equals("live"));
  }

  static String base(Dashboard dashboard) {
    return "http://127.0.0.1:" + dashboard.port();
  }

  static String csrf(String page) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page has a CSRF token").isTrue();
    return m.group(1);
  }

  /** A browser-like HTTP session: signed in through the printed address, cookies kept. */
  record Session(HttpClient http, String base) {

    static Session signIn(Dashboard dashboard) throws IOException, InterruptedException {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .cookieHandler(new CookieManager())
              .build();
      Session session = new Session(http, DashboardIT.base(dashboard));
      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create(dashboard.url())).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
      return session;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
      return post(path, form, base);
    }

    /** A form posted by a page of {@code origin}. */
    HttpResponse<String> post(String path, String form, String origin)
        throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Origin", origin)
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** The lines of an event stream as they arrive, read by a thread of their own. */
    List<String> stream(String path) {
      List<String> lines = new CopyOnWriteArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + path))
                              .header("Accept", "text/event-stream")
                              .build(),
                          HttpResponse.BodyHandlers.ofLines())
                      .body()
                      .forEach(lines::add);
                } catch (IOException | InterruptedException e) {
                  lines.add("failed: " + e);
                }
              },
              "event-stream");
      reader.setDaemon(true);
      reader.start();
      return lines;
    }
  }
}
