package dev.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Core is pure (no SQL, no framework), its packages point one way, its API is closed. */
@AnalyzeClasses(packages = "dev.membership", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_uses_no_sql_no_persistence_and_no_framework =
      noClasses().that().resideInAPackage("dev.membership..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "java.sql..", "javax.sql..", "org.jooq..", "com.zaxxer..", "org.flywaydb..",
              "org.springframework..", "jakarta.persistence..", "javax.persistence..", "org.hibernate.orm..")
          .because("membership-core has no SQL, no JDBC and no framework");

  @ArchTest
  static final ArchRule core_never_depends_on_its_adapters_or_the_testkit =
      noClasses().that().resideInAPackage("dev.membership..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.membership.jooq..", "dev.membership.testkit..")
          .because("jooq -> core and testkit -> core, never the other way round");

  @ArchTest
  static final ArchRule the_domain_depends_only_on_the_jdk_guava_icu_and_the_errors =
      classes().that().resideInAPackage("dev.membership.domain..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "java..", "com.google.common..", "com.ibm.icu..", "dev.membership.domain..", "dev.membership.error..",
              "org.jspecify.annotations..")
          .because("the domain is plain immutable values; it knows nothing of use cases, ports or storage"
              + " (ICU4J is how it knows Unicode: which role names look alike)");

  @ArchTest
  static final ArchRule the_errors_depend_only_on_the_jdk =
      classes().that().resideInAPackage("dev.membership.error..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.membership.error..",
              "org.jspecify.annotations..")
          .because("errors are plain values (JSpecify's @NullMarked says only that nothing in them is null)");

  @ArchTest
  static final ArchRule only_the_use_cases_reach_into_internal =
      noClasses().that().resideInAnyPackage(
              "dev.membership.domain..", "dev.membership.error..", "dev.membership.query..",
              "dev.membership.spi..", "dev.membership.command..", "dev.membership.crypto..")
          .should().dependOnClassesThat().resideInAPackage("dev.membership.internal..")
          .because("internal is not API and may change in any release");

  @ArchTest
  static final ArchRule ports_do_not_depend_on_the_use_cases_or_the_default_implementations =
      noClasses().that().resideInAPackage("dev.membership.spi..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.membership.crypto..")
          .orShould().dependOnClassesThat().resideInAPackage("dev.membership")
          .because("a host implements the ports without pulling in the facade");

  @ArchTest
  static final ArchRule public_api_types_are_final_sealed_records_enums_or_interfaces =
      classes().that().resideInAPackage("dev.membership..")
          .and().resideOutsideOfPackage("dev.membership.internal..")
          .and().arePublic()
          .and().areTopLevelClasses()
          .should(beClosedForExtension())
          .because("immutability by default and closed hierarchies");

  /** The package-private id generator {@code Ids} keeps a monotonic counter on purpose; values do not. */
  @ArchTest
  static final ArchRule domain_values_have_only_final_fields =
      classes().that().resideInAPackage("dev.membership.domain..")
          .and().arePublic()
          .should().haveOnlyFinalFields()
          .because("domain values are immutable: transitions return a new value");

  /** The store port is split by aggregate: no port grows back into one interface for everything. */
  @ArchTest
  static final ArchRule no_store_port_has_more_than_a_dozen_or_so_methods =
      classes().that().resideInAPackage("dev.membership.spi..")
          .and().areInterfaces()
          .and().doNotHaveFullyQualifiedName("dev.membership.spi.StoreTransaction")
          .should(haveAtMostMethods(13))
          .because("a store implements one small port per aggregate, reached from the transaction");

  /**
   * The transaction is only the way to the ports, one accessor per port and nothing else (no default
   * method doing reads of its own): 13, one more for the verified domains ({@code
   * domains()}), one for the applications ({@code applications()}) and one for what admitting a
   * member checks ({@code admissions()}). A new aggregate adds a port and raises this by one.
   */
  @ArchTest
  static final ArchRule the_store_transaction_has_one_accessor_per_port =
      classes().that().haveFullyQualifiedName("dev.membership.spi.StoreTransaction")
          .should(declareOnlyPortAccessors())
          .andShould(haveAtMostMethods(16))
          .because("each accessor is a port of its own; the transaction does no work itself");

  /** Every method abstract, without parameters, and returning an interface of the same package: a port. */
  private static ArchCondition<JavaClass> declareOnlyPortAccessors() {
    return new ArchCondition<>("declare only accessors of ports (abstract, no parameters, an interface of its package)") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (var method : type.getMethods()) {
          JavaClass returned = method.getRawReturnType();
          boolean accessor = method.getModifiers().contains(JavaModifier.ABSTRACT)
              && method.getRawParameterTypes().isEmpty()
              && returned.isInterface()
              && returned.getPackageName().equals(type.getPackageName());
          events.add(new SimpleConditionEvent(method, accessor,
              method.getFullName() + (accessor ? " is a port's accessor" : " is not a port's accessor")));
        }
      }
    };
  }

  private static ArchCondition<JavaClass> haveAtMostMethods(int most) {
    return new ArchCondition<>("declare at most " + most + " abstract methods") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        long count = type.getMethods().stream()
            .filter(m -> m.getModifiers().contains(JavaModifier.ABSTRACT))
            .count();
        events.add(new SimpleConditionEvent(type, count <= most,
            type.getName() + " declares " + count + " abstract methods (at most " + most + ")"));
      }
    };
  }

  private static ArchCondition<JavaClass> beClosedForExtension() {
    return new ArchCondition<>("be final, sealed, a record, an enum or an interface") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        boolean closed = type.isRecord()
            || type.isEnum()
            || type.isInterface()
            || type.getModifiers().contains(JavaModifier.FINAL)
            || type.reflect().isSealed();
        events.add(new SimpleConditionEvent(type, closed,
            type.getName() + (closed ? " is closed" : " is open for extension: make it final, sealed or a record")));
      }
    };
  }
}
