package dev.gantry.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers the source tree shows, kept: the API at the bottom; names; the pure core (what to
 * build, how to roll out, how to judge a canary or an API change, what a team may ask for);
 * configuration and metrics; one dependent per child kind; the reconciler; the process. Each rule
 * fails the build on the first class that breaks it.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.gantry.operator";
  private static final String[] PURE = {
    ROOT + ".api..",
    ROOT + ".naming..",
    ROOT + ".analysis..",
    ROOT + ".compatibility..",
    ROOT + ".tenancy..",
    ROOT + ".kafka..",
    ROOT + ".rollout..",
    ROOT + ".render.."
  };

  private static JavaClasses operator;

  @BeforeAll
  static void importClasses() {
    operator =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void layersDependOnlyDownwards() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("API")
        .definedBy(ROOT + ".api..")
        .layer("Naming")
        .definedBy(ROOT + ".naming..")
        .layer("Core")
        .definedBy(
            ROOT + ".analysis..",
            ROOT + ".compatibility..",
            ROOT + ".tenancy..",
            ROOT + ".kafka..",
            ROOT + ".rollout..",
            ROOT + ".render..")
        .layer("Settings")
        .definedBy(ROOT + ".config..", ROOT + ".metrics..")
        .layer("Dependents")
        .definedBy(ROOT + ".dependent..")
        .layer("Reconciler")
        .definedBy(ROOT + ".reconcile..")
        .layer("Dashboard")
        .definedBy(ROOT + ".dashboard..")
        .layer("CLI")
        .definedBy(ROOT + ".cli..")
        .layer("Process")
        .definedBy(ROOT)
        .whereLayer("Process")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("CLI")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Dashboard")
        .mayOnlyBeAccessedByLayers("CLI")
        .whereLayer("Reconciler")
        .mayOnlyBeAccessedByLayers("Process")
        .whereLayer("Dependents")
        .mayOnlyBeAccessedByLayers("Reconciler", "Process")
        .whereLayer("Settings")
        .mayOnlyBeAccessedByLayers("Reconciler", "Process")
        .whereLayer("Core")
        .mayOnlyBeAccessedByLayers(
            "Settings", "Dependents", "Reconciler", "Dashboard", "CLI", "Process")
        .whereLayer("Naming")
        .mayOnlyBeAccessedByLayers(
            "Core", "Settings", "Dependents", "Reconciler", "Dashboard", "CLI", "Process")
        .check(operator);
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(operator);
  }

  @Test
  void dependentsNeverReachIntoTheReconciler() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".dependent..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".reconcile..")
        .check(operator);
  }

  /** The core decides; the shell talks to the API server. */
  @Test
  void theCoreDoesNoKubernetesIo() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.javaoperatorsdk..",
            "io.fabric8.kubernetes.client.dsl..",
            "io.fabric8.kubernetes.client.informers..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient")
        .check(operator);
  }

  /** Of the core, only the Prometheus client (and the body it reads) touches the network. */
  @Test
  void onlyThePrometheusClientTalksToTheNetwork() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .and()
        .doNotHaveFullyQualifiedName(ROOT + ".analysis.PrometheusClient")
        .and()
        .doNotHaveFullyQualifiedName(ROOT + ".analysis.CappedBody")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net.http..")
        .check(operator);
  }
}
