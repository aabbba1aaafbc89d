package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.testing.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No image can be built on these machines, so the Dockerfiles are held to what can be checked:
 * every file they copy exists once the build has packaged (an IT runs after {@code package}), they
 * run as a numeric non-root user, and they start the JVM without a shell.
 */
class ImagesIT {

  private static final Path ROOT = LocalCluster.repoRoot();

  @Test
  void operatorImageCopiesWhatThePackagedBuildProduced() throws IOException {
    Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("operator/Dockerfile"));
    assertThat(dockerfile.stages()).as("runtime only").hasSize(1);
    Stage runtime = dockerfile.stages().get(0);
    assertThat(runtime.args()).containsEntry("VERSION", projectVersion());
    assertThat(runtime.runs()).as("nothing runs a shell while the image is built").isEmpty();

    Map<String, String> copied = new HashMap<>();
    for (Copy copy : runtime.copies()) {
      assertThat(copy.from()).isNull();
      Path source = ROOT.resolve(copy.source());
      assertThat(source).as("COPY %s exists after ./mvnw package", copy.source()).exists();
      copied.put(copy.destination(), copy.source());
    }
    Path lib = ROOT.resolve("operator/target/lib");
    assertThat(copied)
        .containsEntry("/opt/gantry/lib/", "operator/target/lib/")
        .containsEntry("/opt/gantry/jvm.options", "operator/jvm.options");
    String jar = copied.get("/opt/gantry/gantry-operator.jar");
    assertThat(jar).isEqualTo("operator/target/gantry-operator-" + projectVersion() + ".jar");
    try (JarFile file = new JarFile(ROOT.resolve(jar).toFile())) {
      String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.gantry.operator.GantryOperator");
      assertThat(classPath.split(" "))
          .as("the manifest's class path is lib/, next to the jar")
          .isNotEmpty()
          .allSatisfy(
              entry -> {
                assertThat(entry).startsWith("lib/");
                assertThat(lib.resolve(entry.substring(4))).exists();
              });
    }
    assertThat(runtime.entrypoint())
        .containsExactly(
            "java", "@/opt/gantry/jvm.options", "-jar", "/opt/gantry/gantry-operator.jar");
    assertThat(Files.readAllLines(ROOT.resolve("operator/jvm.options")))
        .as("an argument file: one option per line")
        .allSatisfy(line -> assertThat(line).startsWith("-").doesNotContain(" "));
    assertThat(runtime.env()).containsEntry("MALLOC_ARENA_MAX", "2");
    assertNonRootJre(runtime);
  }

  @ParameterizedTest
  @ValueSource(strings = {"member", "order", "barista", "notification"})
  void serviceImageBuildsItsModuleAndRunsItsMainClass(String service) throws IOException {
    Dockerfile dockerfile = Dockerfile.read(ROOT.resolve("services/" + service + "/Dockerfile"));
    assertThat(dockerfile.stages()).hasSize(2);
    Stage build = dockerfile.stages().get(0);
    Stage runtime = dockerfile.stages().get(1);
    String pom = Files.readString(ROOT.resolve("services/" + service + "/pom.xml"));
    assertThat(pom).as("the jar keeps Maven's default name").doesNotContain("<finalName>");
    String artifactId = first(pom, "</parent>\\s*<artifactId>([^<]+)</artifactId>");
    String mainClass = first(pom, "<exec.mainClass>([^<]+)</exec.mainClass>");

    for (Copy copy : build.copies()) {
      assertThat(ROOT.resolve(copy.source()))
          .as("COPY %s exists in the repository", copy.source())
          .exists();
    }
    assertThat(build.copies())
        .extracting(Copy::source)
        .contains("services/", "pom.xml", "mvnw", ".mvn/");
    assertThat(String.join(" ", build.runs()))
        .contains("./mvnw ")
        .contains("-pl services/" + service + " -am")
        .contains("package")
        .contains("dependency:copy-dependencies")
        .contains("-DincludeScope=runtime");

    assertThat(runtime.args()).containsEntry("VERSION", projectVersion());
    assertThat(runtime.runs()).isEmpty();
    Map<String, String> copied = new HashMap<>();
    for (Copy copy : runtime.copies()) {
      assertThat(copy.from()).isEqualTo(build.name());
      copied.put(copy.destination(), copy.source());
    }
    // Build-stage paths: the repository is at WORKDIR /src; Maven writes
    // target/<artifactId>-<version>.jar
    // and copy-dependencies target/dependency/.
    assertThat(build.workdir()).isEqualTo("/src");
    String jar = "/opt/service/" + artifactId + ".jar";
    assertThat(copied)
        .containsEntry(
            jar,
            "/src/services/" + service + "/target/" + artifactId + "-" + projectVersion() + ".jar")
        .containsEntry("/opt/service/lib/", "/src/services/" + service + "/target/dependency/");
    assertThat(
            ROOT.resolve(
                "services/" + service + "/src/main/java/" + mainClass.replace('.', '/') + ".java"))
        .exists();
    List<String> entrypoint = runtime.entrypoint();
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).containsSubsequence("-cp", jar + ":/opt/service/lib/*", mainClass);
    assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(mainClass);
    assertNonRootJre(runtime);
  }

  /** Every runnable service module has an image. */
  @Test
  void everyRunnableServiceHasADockerfile() throws IOException {
    List<String> runnable = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT.resolve("services"))) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path pom = module.resolve("pom.xml");
        if (Files.exists(pom)
            && Files.readString(pom).contains("<exec.mainClass>")
            && !module.getFileName().toString().contains("test")) {
          runnable.add(module.getFileName().toString());
          assertThat(module.resolve("Dockerfile")).exists();
        }
      }
    }
    assertThat(runnable).containsExactlyInAnyOrder("member", "order", "barista", "notification");
  }

  private static void assertNonRootJre(Stage runtime) {
    assertThat(runtime.base()).as("a JRE, not a JDK").contains("jre");
    String user = runtime.user();
    assertThat(user).as("USER is numeric, uid:gid").matches("[0-9]+(:[0-9]+)?");
    for (String id : user.split(":")) {
      assertThat(Integer.parseInt(id)).as("not root").isPositive();
    }
  }

  private static String projectVersion() throws IOException {
    return first(
        Files.readString(ROOT.resolve("pom.xml")),
        "<artifactId>gantry-parent</artifactId>\\s*<version>([^<]+)</version>");
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("/%s/", regex).isTrue();
    return m.group(1);
  }

  record Copy(String from, String source, String destination) {}

  record Stage(
      String base,
      String name,
      Map<String, String> args,
      Map<String, String> env,
      List<Copy> copies,
      List<String> runs,
      String user,
      String workdir,
      List<String> entrypoint) {}

  /**
   * Just enough of a Dockerfile parser for these files: stages, ARG, ENV, COPY, RUN, USER, WORKDIR,
   * ENTRYPOINT.
   */
  record Dockerfile(List<Stage> stages) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

    static Dockerfile read(Path file) {
      List<String> instructions = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      try {
        for (String line : Files.readAllLines(file)) {
          String trimmed = line.strip();
          if (trimmed.startsWith("#") || trimmed.isEmpty()) {
            continue;
          }
          if (trimmed.endsWith("\\")) {
            current.append(trimmed, 0, trimmed.length() - 1).append(' ');
          } else {
            instructions.add(current.append(trimmed).toString());
            current.setLength(0);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<Stage> stages = new ArrayList<>();
      Stage stage = null;
      for (String instruction : instructions) {
        String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
        String rest = instruction.substring(keyword.length()).strip();
        if (keyword.equals("FROM")) {
          String[] words = rest.split("\\s+");
          stage =
              new Stage(
                  words[0],
                  words.length == 3 ? words[2] : null,
                  new HashMap<>(),
                  new HashMap<>(),
                  new ArrayList<>(),
                  new ArrayList<>(),
                  null,
                  null,
                  List.of());
          stages.add(stage);
          continue;
        }
        assertThat(stage).as("%s: %s before FROM", file, keyword).isNotNull();
        switch (keyword) {
          case "ARG" -> {
            String[] kv = rest.split("=", 2);
            stage.args().put(kv[0], kv.length == 2 ? kv[1] : null);
          }
          case "ENV" -> {
            String[] kv = rest.split("=", 2);
            stage.env().put(kv[0], kv[1]);
          }
          case "COPY" -> {
            List<String> words = new ArrayList<>(List.of(rest.split("\\s+")));
            String from = null;
            if (words.get(0).startsWith("--from=")) {
              from = words.remove(0).substring("--from=".length());
            }
            assertThat(words)
                .as("%s: COPY flags other than --from", file)
                .noneMatch(w -> w.startsWith("--"));
            String destination = words.remove(words.size() - 1);
            for (String source : words) {
              stage.copies().add(new Copy(from, substitute(source, stage.args()), destination));
            }
          }
          case "RUN" -> stage.runs().add(rest);
          case "USER" -> stage = with(stages, stage, rest, null, null);
          case "WORKDIR" -> stage = with(stages, stage, null, rest, null);
          case "ENTRYPOINT" -> {
            assertThat(rest)
                .as("%s: ENTRYPOINT in exec form, no shell", file)
                .startsWith("[")
                .endsWith("]");
            List<String> argv = new ArrayList<>();
            Manifests.YAML
                .convertValue(parseJson(rest), List.class)
                .forEach(a -> argv.add(String.valueOf(a)));
            stage = with(stages, stage, null, null, argv);
          }
          case "EXPOSE", "LABEL" -> {}
          default -> throw new AssertionError(file + ": unexpected instruction " + keyword);
        }
      }
      return new Dockerfile(stages);
    }

    private static Stage with(
        List<Stage> stages, Stage stage, String user, String workdir, List<String> entrypoint) {
      Stage next =
          new Stage(
              stage.base(),
              stage.name(),
              stage.args(),
              stage.env(),
              stage.copies(),
              stage.runs(),
              user != null ? user : stage.user(),
              workdir != null ? workdir : stage.workdir(),
              entrypoint != null ? entrypoint : stage.entrypoint());
      stages.set(stages.size() - 1, next);
      return next;
    }

    private static String substitute(String text, Map<String, String> args) {
      Matcher m = VARIABLE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = args.get(m.group(1));
        assertThat(value).as("ARG %s has a default", m.group(1)).isNotNull();
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      return m.appendTail(out).toString();
    }

    private static Object parseJson(String json) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, List.class);
      } catch (IOException e) {
        throw new AssertionError("ENTRYPOINT is not a JSON array: " + json, e);
      }
    }
  }
}
