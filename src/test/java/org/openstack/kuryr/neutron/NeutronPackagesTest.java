package org.openstack.kuryr.neutron;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The client's packages depend downwards only: the contract ({@code neutron}) on nothing of its
 * implementation, {@code transport} on neither Keystone nor the resources, {@code auth} not on the
 * resources.
 */
class NeutronPackagesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.openstack.kuryr.neutron");

  @Test
  void contractDoesNotDependOnItsImplementation() {
    noClasses()
        .that()
        .resideInAPackage("org.openstack.kuryr.neutron")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.openstack.kuryr.neutron.http..",
            "org.openstack.kuryr.neutron.auth..",
            "org.openstack.kuryr.neutron.transport..")
        .check(CLASSES);
  }

  @Test
  void transportKnowsNeitherKeystoneSessionsNorResources() {
    noClasses()
        .that()
        .resideInAPackage("org.openstack.kuryr.neutron.transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.openstack.kuryr.neutron.http..", "org.openstack.kuryr.neutron.auth..")
        .check(CLASSES);
  }

  @Test
  void authenticationDoesNotKnowTheResources() {
    noClasses()
        .that()
        .resideInAPackage("org.openstack.kuryr.neutron.auth..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.openstack.kuryr.neutron.http..")
        .check(CLASSES);
  }
}
