package org.sqlflow.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's layout as docs/STYLE.md states it, checked on the compiled classes: arrows point
 * down, no package cycles, and each outside world has one door (Avatica: protocol; processes: job;
 * Python source and Velocity: codegen). A new package fails here until it is given a layer.
 */
class LayeringTest {
  private static final String SERVER = "org.sqlflow.server";
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(SERVER);

  @Test
  void arrowsPointDown() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        // Main, SqlflowServer, ServerOptions: build the stages and start Avatica's HTTP server.
        .layer("wiring")
        .definedBy(SERVER)
        .layer("protocol")
        .definedBy(SERVER + ".protocol..")
        // Checks and clean-up at start, before the server answers anyone.
        .layer("startup")
        .definedBy(SERVER + ".startup..")
        .layer("session")
        .definedBy(SERVER + ".session..")
        .layer("extended")
        .definedBy(SERVER + ".extended..")
        .layer("codegen")
        .definedBy(SERVER + ".codegen..")
        .layer("verify")
        .definedBy(SERVER + ".verify..")
        .layer("feed")
        .definedBy(SERVER + ".feed..")
        // The job registry in the backing database: detached jobs, jobs of every server.
        .layer("registry")
        .definedBy(SERVER + ".registry..")
        .layer("model")
        .definedBy(SERVER + ".model..")
        .layer("job")
        .definedBy(SERVER + ".job..")
        .layer("db")
        .definedBy(SERVER + ".db..")
        .layer("contract")
        .definedBy(SERVER + ".contract..")
        .layer("error")
        .definedBy(SERVER + ".error..")
        .withOptionalLayers(true)
        .whereLayer("wiring")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("protocol")
        .mayOnlyBeAccessedByLayers("wiring")
        .whereLayer("startup")
        .mayOnlyBeAccessedByLayers("wiring")
        .whereLayer("session")
        .mayOnlyBeAccessedByLayers("wiring", "protocol")
        .whereLayer("extended")
        .mayOnlyBeAccessedByLayers("wiring", "protocol")
        .whereLayer("codegen")
        .mayOnlyBeAccessedByLayers("wiring", "extended")
        .whereLayer("verify")
        .mayOnlyBeAccessedByLayers("wiring", "extended", "codegen")
        .whereLayer("feed")
        .mayOnlyBeAccessedByLayers("wiring", "extended")
        .whereLayer("registry")
        .mayOnlyBeAccessedByLayers("wiring", "protocol")
        .whereLayer("model")
        .mayOnlyBeAccessedByLayers("wiring", "protocol", "extended", "verify")
        .whereLayer("job")
        .mayOnlyBeAccessedByLayers(
            "wiring", "protocol", "session", "startup", "extended", "registry")
        .whereLayer("db")
        .mayOnlyBeAccessedByLayers(
            "wiring",
            "protocol",
            "session",
            "startup",
            "extended",
            "codegen",
            "verify",
            "feed",
            "model",
            "registry")
        .whereLayer("contract")
        .mayNotAccessAnyLayer()
        .whereLayer("error")
        .mayNotAccessAnyLayer()
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching(SERVER + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheProtocolKnowsAvatica() {
    noClasses()
        .that()
        .resideOutsideOfPackages(SERVER + ".protocol..", SERVER)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.calcite.avatica..")
        .because("only protocol knows Avatica (the wiring starts its HTTP server)")
        .check(CLASSES);
  }

  @Test
  void onlyTheJobEngineKnowsProcesses() {
    noClasses()
        .that()
        .resideOutsideOfPackage(SERVER + ".job..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.commons.exec..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(ProcessBuilder.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Process.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(ProcessHandle.class)
        .because("only job starts and stops processes")
        .check(CLASSES);
  }

  @Test
  void onlyTheDbPackageKnowsConnectorJ() {
    noClasses()
        .that()
        .resideOutsideOfPackage(SERVER + ".db..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.mysql..")
        .because("db owns the backing connections, LOAD DATA LOCAL's stream included")
        .check(CLASSES);
  }

  @Test
  void onlyCodegenWritesPython() {
    noClasses()
        .that()
        .resideOutsideOfPackage(SERVER + ".codegen..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.velocity..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleName("PythonLiteral")
        .because("only codegen renders Python source")
        .check(CLASSES);
  }
}
