package org.openstack.kuryr;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.archfixture.SpawnsProcessAndSpeaksHttp;
import org.openstack.kuryr.binding.archfixture.DependsOnNeutron;
import org.openstack.kuryr.docker.archfixture.DependsOnMapping;
import org.openstack.kuryr.host.archfixture.DependsOnBinding;

/** The layering rules of the product's own classes (tests may break them, e.g. to call Neutron). */
@AnalyzeClasses(
    packages = "org.openstack.kuryr",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "org.openstack.kuryr..";
  private static final String HOST = "org.openstack.kuryr.host..";
  private static final String DOCKER = "org.openstack.kuryr.docker..";

  /** One place starts processes, so that every command has an argument list and a timeout. */
  @ArchTest
  static final ArchRule ONLY_HOST_SPAWNS_PROCESSES =
      noClasses()
          .that()
          .resideOutsideOfPackage(HOST)
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(ProcessBuilder.class)
          .orShould()
          .callMethodWhere(
              target(owner(JavaClass.Predicates.equivalentTo(Runtime.class)))
                  .and(target(name("exec"))));

  /** HTTP clients are adapters: Neutron's and Keystone's, and the local Docker engine's. */
  @ArchTest
  static final ArchRule ONLY_ADAPTERS_USE_HTTP_CLIENT =
      noClasses()
          .that()
          .resideOutsideOfPackages("org.openstack.kuryr.neutron..", DOCKER)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.net.http..");

  @ArchTest
  static final ArchRule DOCKER_ADAPTER_DEPENDS_ON_NOTHING_OF_OURS =
      noClasses()
          .that()
          .resideInAPackage(DOCKER)
          .should()
          .dependOnClassesThat(resideInAPackage(ROOT).and(not(resideInAPackage(DOCKER))));

  @ArchTest
  static final ArchRule BINDING_DEPENDS_ON_NO_UPPER_LAYER =
      noClasses()
          .that()
          .resideInAPackage("org.openstack.kuryr.binding..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                  "org.openstack.kuryr.neutron..",
                  DOCKER,
                  "org.openstack.kuryr.mapping..",
                  "org.openstack.kuryr.libnetwork..",
                  "org.openstack.kuryr.daemon..",
                  "org.openstack.kuryr.cli..",
                  "org.openstack.kuryr.config.."));

  @ArchTest
  static final ArchRule HOST_DEPENDS_ON_NOTHING_OF_OURS =
      noClasses()
          .that()
          .resideInAPackage(HOST)
          .should()
          .dependOnClassesThat(resideInAPackage(ROOT).and(not(resideInAPackage(HOST))));

  @Test
  void rulesReportClassesThatBreakThem() {
    JavaClasses offenders =
        new ClassFileImporter()
            .importClasses(
                SpawnsProcessAndSpeaksHttp.class,
                DependsOnNeutron.class,
                DependsOnBinding.class,
                DependsOnMapping.class);

    assertThat(ONLY_HOST_SPAWNS_PROCESSES.evaluate(offenders).getFailureReport().getDetails())
        .anyMatch(line -> line.contains("ProcessBuilder"))
        .anyMatch(line -> line.contains("Runtime.exec"));
    assertThat(ONLY_ADAPTERS_USE_HTTP_CLIENT.evaluate(offenders).hasViolation()).isTrue();
    assertThat(BINDING_DEPENDS_ON_NO_UPPER_LAYER.evaluate(offenders).hasViolation()).isTrue();
    assertThat(HOST_DEPENDS_ON_NOTHING_OF_OURS.evaluate(offenders).hasViolation()).isTrue();
    assertThat(DOCKER_ADAPTER_DEPENDS_ON_NOTHING_OF_OURS.evaluate(offenders).hasViolation())
        .isTrue();
  }
}
