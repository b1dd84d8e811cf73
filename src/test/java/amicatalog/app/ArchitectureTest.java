package amicatalog.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code (DESIGN.md's layout), held so that it stays: no cycles between packages;
 * the shared packages know no feature; a feature reaches another only through image or actions;
 * only app, cli and bench (and Main) wire things together.
 */
class ArchitectureTest {
  static final List<String> SHARED = List.of("image", "common", "db", "aws", "web", "auth");
  static final List<String> FEATURES = List.of("search", "detail", "compare", "launch", "audit", "copy", "latest",
      "feeds", "sync", "api");
  static final List<String> WIRING = List.of("app", "cli", "bench");
  static JavaClasses classes;

  @BeforeAll
  static void importProductClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("amicatalog");
  }

  static String[] packages(List<String> names) {
    return names.stream().map(n -> "amicatalog." + n + "..").toArray(String[]::new);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("amicatalog.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theSharedPackagesKnowNoFeatureAndNoWiring() {
    noClasses().that().resideInAnyPackage(packages(SHARED))
        .should().dependOnClassesThat().resideInAnyPackage(packages(concat(FEATURES, WIRING, List.of("actions"))))
        .check(classes);
  }

  @Test
  void actionsKnowNoFeature() {
    noClasses().that().resideInAPackage("amicatalog.actions..")
        .should().dependOnClassesThat().resideInAnyPackage(packages(concat(FEATURES, WIRING)))
        .check(classes);
  }

  @Test
  void aFeatureReachesNoOtherFeature() {
    for (String feature : FEATURES) {
      List<String> others = FEATURES.stream().filter(f -> !f.equals(feature)).toList();
      noClasses().that().resideInAPackage("amicatalog." + feature + "..")
          .should().dependOnClassesThat().resideInAnyPackage(packages(concat(others, WIRING)))
          .because(feature + " may use image, actions and the shared packages only; app wires features together")
          .check(classes);
    }
  }

  @Test
  void onlyTheWiringAndMainKnowTheWiring() {
    noClasses().that().resideOutsideOfPackages(packages(WIRING)).and().doNotHaveFullyQualifiedName("amicatalog.Main")
        .should().dependOnClassesThat().resideInAnyPackage("amicatalog.cli..", "amicatalog.bench..")
        .check(classes);
  }

  @SafeVarargs
  static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
