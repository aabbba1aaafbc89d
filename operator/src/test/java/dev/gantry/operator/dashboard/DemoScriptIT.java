package dev.gantry.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.testing.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a new user runs it: {@code hack/demo.sh} starts a cluster and the
 * operator, applies the examples, leaves barista's canary waiting for a release manager and serves
 * the dashboard; {@code hack/demo.sh stop} ends it all.
 */
class DemoScriptIT {

  @Test
  void demoEndsWithACanaryWaitingAndTheDashboardServingIt() throws Exception {
    Path state = Files.createTempDirectory("gantry-demo");
    Path script = LocalCluster.repoRoot().resolve("hack/demo.sh");
    try {
      String output = run(state, script.toString());
      assertThat(output).contains("barista (namespace default)").contains("phase Paused");
      Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)(/login\\S+)").matcher(output);
      assertThat(url.find()).as(output).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> anonymous =
          http.send(
              HttpRequest.newBuilder(URI.create(url.group(1) + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create(url.group(1) + url.group(2))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
    } finally {
      run(state, script.toString(), "stop");
    }
    assertThat(state.resolve("dashboard.pid")).doesNotExist();
  }

  private static String run(Path state, String... command) throws Exception {
    Path log = Files.createTempFile("gantry-demo", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("GANTRY_DEMO_DIR", state.toString());
    Process process = builder.start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("hack/demo.sh did not finish in 15 minutes");
    }
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
