package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPMS boundary of {@code dev.membership.jooq}, the way a host on the module path meets it: the
 * descriptor this build produced (target/classes) exports the API package and not
 * {@code dev.membership.jooq.internal}; a host module compiled against it cannot import internal; and
 * a host module started in its own JVM, on the module path of this module's runtime dependencies
 * (target/runtime-module-path.txt, written by maven-dependency-plugin; Flyway there as the automatic
 * modules Java names after its files, and the one module a host adds for it: Jackson), migrates an embedded H2 database, signs a user up and creates
 * an organisation through the store, and cannot open the internal package by reflection.
 */
class ModuleBoundaryTest {
  /** This build's jars that are automatic modules, by the name their manifest gives them (for a run before they are packaged). */
  private static final Map<String, String> AUTOMATIC_MODULES_OF_THIS_BUILD =
      Map.of("membership-jooq-migrations", "dev.membership.jooq.migrations");

  private static final String HOST_MAIN = """
      package host;

      import dev.membership.Memberships;
      import dev.membership.command.Registration;
      import dev.membership.domain.AccountId;
      import dev.membership.domain.Organisation;
      import dev.membership.domain.Password;
      import dev.membership.jooq.MembershipDatabase;
      import java.lang.reflect.InaccessibleObjectException;
      import java.net.URI;

      public final class Main {
        public static void main(String[] args) throws Exception {
          String[] link = {""};
          try (MembershipDatabase database = MembershipDatabase.h2InMemory("jpms")) {
            Memberships memberships = Memberships.builder()
                .store(database.store())
                .notifications(notification -> notification.link().ifPresent(uri -> link[0] = uri.toString()))
                .invitationLinks(token -> URI.create("https://host.test/invitations/" + token))
                .emailVerificationLinks(token -> URI.create("https://host.test/verify/" + token))
                .build();
            memberships.accounts().register(Registration.of("olivia@acme.test", "Olivia Owner", "olivia's long passphrase"));
            AccountId olivia = memberships.accounts()
                .verifyEmail(link[0].substring(link[0].lastIndexOf('/') + 1), Password.of("olivia's long passphrase"))
                .id();
            Organisation acme = memberships.organisations().create(olivia, "Acme");
            System.out.println("created " + acme.name() + " on " + database.store().dialect());

            Module store = database.store().getClass().getModule();
            System.out.println("store module " + store.getName() + " named " + store.isNamed()
                + ", internal exported " + store.isExported("dev.membership.jooq.internal"));
            Class<?> internal = Class.forName("dev.membership.jooq.internal.JooqStoreTransaction");
            try {
              internal.getDeclaredConstructors()[0].setAccessible(true);
              System.out.println("internal opened");
            } catch (InaccessibleObjectException e) {
              System.out.println("internal refused: " + e.getMessage());
            }
          }
        }
      }
      """;

  @Test
  void the_built_module_exports_the_api_package_and_opens_the_generated_records_only_to_jooq() throws Exception {
    ModuleDescriptor jooq = builtModule();

    assertThat(jooq.name()).isEqualTo("dev.membership.jooq");
    assertThat(jooq.isAutomatic()).isFalse();
    assertThat(jooq.packages()).contains("dev.membership.jooq.internal");
    assertThat(jooq.exports()).singleElement().satisfies(export -> {
      assertThat(export.source()).isEqualTo("dev.membership.jooq");
      assertThat(export.isQualified()).isFalse();
    });
    assertThat(jooq.opens()).allSatisfy(open -> assertThat(open.targets()).containsExactly("org.jooq"));
    // Every module it requires names itself: none is a name Java made up from a file name (Flyway's).
    assertThat(jooq.requires().stream().map(ModuleDescriptor.Requires::name))
        .contains("dev.membership.core", "org.jooq", "com.zaxxer.hikari", "dev.membership.jooq.migrations")
        .noneMatch(name -> name.startsWith("flyway"));
  }

  @Test
  void a_host_module_compiles_against_the_store_but_cannot_reach_internal(@TempDir Path dir) throws IOException {
    String api = """
        package host;
        import dev.membership.jooq.JooqMembershipStore;
        class Host { JooqMembershipStore store; }
        """;
    String internal = """
        package host;
        import dev.membership.jooq.internal.JooqStoreTransaction;
        class Host { JooqStoreTransaction tx; }
        """;
    String modulePath = modulePath(dir);

    assertThat(compileHost(dir.resolve("api"), modulePath, api)).isEmpty();
    assertThat(compileHost(dir.resolve("internal"), modulePath, internal))
        .contains("package dev.membership.jooq.internal is not visible");
  }

  @Test
  void a_host_on_the_module_path_migrates_h2_and_creates_an_organisation_but_cannot_open_internal(@TempDir Path dir)
      throws Exception {
    String modulePath = modulePath(dir);
    Path hostModule = dir.resolve("host");
    assertThat(compileHost(hostModule, modulePath, HOST_MAIN)).isEmpty();

    Path output = dir.resolve("host.log");
    Process host = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // On the module path argon2's JNA is the named module com.sun.jna.
            "--enable-native-access=com.sun.jna",
            // Flyway's jar declares no module, so Java does not know it needs Jackson's (a named module).
            "--add-modules", "tools.jackson.databind",
            "--module-path", hostModule.resolve("out") + File.pathSeparator + modulePath,
            "--module", "host/host.Main")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    boolean ended = host.waitFor(3, TimeUnit.MINUTES);
    if (!ended) {
      host.destroyForcibly();
    }
    String log = Files.readString(output);

    assertThat(ended).as("the host ended in time: %s", log).isTrue();
    assertThat(host.exitValue()).as(log).isZero();
    assertThat(log)
        .contains("created Acme on H2")
        .contains("store module dev.membership.jooq named true, internal exported false")
        .contains("internal refused: Unable to make")
        .contains("module dev.membership.jooq does not \"exports dev.membership.jooq.internal\" to module host")
        .doesNotContain("internal opened");
  }

  /** Compiles module {@code host} (requires dev.membership.jooq); returns javac's errors, empty when it compiled. */
  private static String compileHost(Path dir, String modulePath, String mainClass) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/host"));
    Files.writeString(sources.resolve("module-info.java"), "module host { requires dev.membership.jooq; }");
    Files.createDirectories(sources.resolve("host"));
    String file = mainClass.contains("class Main") ? "Main.java" : "Host.java";
    Files.writeString(sources.resolve("host").resolve(file), mainClass);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = javac.getTask(errors, null, null,
            List.of("--module-path", modulePath, "-d", dir.resolve("out").toString(), "-proc:none"),
            null,
            javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(
                sources.resolve("module-info.java"), sources.resolve("host").resolve(file)))
        .call();
    return compiled ? "" : errors.toString();
  }

  /**
   * This module as built (target/classes, with its module-info.class) and its runtime dependencies.
   * A module of this build that is not packaged yet (a run of {@code mvn test}) is a classes folder,
   * which Java takes for a module only with a module-info: the automatic ones are put in a jar here,
   * under the name their manifest gives them when packaged.
   */
  private static String modulePath(Path dir) throws IOException {
    Path file = Path.of("target", "runtime-module-path.txt");
    assertThat(file).as("maven-dependency-plugin wrote the runtime module path").exists();
    List<String> entries = new ArrayList<>();
    entries.add(classes().toString());
    for (String entry : Files.readString(file).strip().split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path) && !Files.exists(path.resolve("module-info.class"))) {
        path = asAutomaticModule(path, dir);
      }
      entries.add(path.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Path asAutomaticModule(Path classes, Path dir) throws IOException {
    String artifact = classes.toAbsolutePath().getParent().getParent().getFileName().toString();
    String name = AUTOMATIC_MODULES_OF_THIS_BUILD.get(artifact);
    assertThat(name).as("the automatic module name of %s", classes).isNotNull();
    Path jar = Files.createDirectories(dir.resolve("jars")).resolve(artifact + ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Automatic-Module-Name"), name);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path each : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new JarEntry(classes.relativize(each).toString().replace('\\', '/')));
        Files.copy(each, zip);
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static Path classes() {
    try {
      return Path.of(JooqMembershipStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ModuleDescriptor builtModule() {
    Set<ModuleDescriptor> found = ModuleFinder.of(classes()).findAll().stream()
        .map(ModuleReference::descriptor)
        .collect(Collectors.toSet());
    assertThat(found).hasSize(1);
    return found.iterator().next();
  }
}
