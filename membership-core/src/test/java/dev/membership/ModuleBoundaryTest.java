package dev.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPMS boundary of {@code dev.membership.core}: what a host on the module path can use. Read
 * from the module this build produced (target/classes), and proved the way a host meets it: by
 * compiling a small host module against it.
 */
class ModuleBoundaryTest {
  private static final Set<String> API_PACKAGES = Set.of(
      "dev.membership",
      "dev.membership.command",
      "dev.membership.crypto",
      "dev.membership.domain",
      "dev.membership.error",
      "dev.membership.query",
      "dev.membership.spi");

  static {
    // The tests are patched into dev.membership.core, which (rightly) does not read java.compiler.
    ModuleBoundaryTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.compiler").orElseThrow());
  }

  @Test
  void the_built_module_exports_the_api_packages_and_not_internal() throws Exception {
    ModuleDescriptor core = builtModule();

    assertThat(core.name()).isEqualTo("dev.membership.core");
    assertThat(core.packages()).contains("dev.membership.internal");
    assertThat(core.exports()).allSatisfy(export -> assertThat(export.isQualified()).isFalse());
    assertThat(core.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrderElementsOf(API_PACKAGES)
        .noneMatch(name -> name.contains("internal"));
    assertThat(core.opens().stream().map(ModuleDescriptor.Opens::source))
        .noneMatch(name -> name.contains("internal"));
  }

  @Test
  void the_tests_run_core_as_the_named_module_that_hides_internal() {
    Module core = Memberships.class.getModule();

    assertThat(core.isNamed()).as("core runs on the module path in its tests").isTrue();
    assertThat(core.getName()).isEqualTo("dev.membership.core");
    assertThat(core.isExported("dev.membership")).isTrue();
    assertThat(core.isExported("dev.membership.internal")).isFalse();
  }

  @Test
  void a_host_module_compiles_against_the_api_but_cannot_reach_internal(@TempDir Path dir) throws IOException {
    String api = """
        package host;
        import dev.membership.Memberships;
        class Host { Memberships memberships; }
        """;
    String internal = """
        package host;
        import dev.membership.internal.Context;
        class Host { Context context; }
        """;

    assertThat(compileHost(dir.resolve("api"), api)).isEmpty();
    assertThat(compileHost(dir.resolve("internal"), internal))
        .contains("package dev.membership.internal is not visible");
  }

  /** Compiles module {@code host} (requires dev.membership.core); returns javac's errors, empty when it compiled. */
  private static String compileHost(Path dir, String hostClass) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/host"));
    Files.writeString(sources.resolve("module-info.java"), "module host { requires dev.membership.core; }");
    Files.createDirectories(sources.resolve("host"));
    Files.writeString(sources.resolve("host/Host.java"), hostClass);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = javac.getTask(errors, null, null,
            List.of("--module-path", modulePath(), "-d", dir.resolve("out").toString(), "-proc:none"),
            null,
            javac.getStandardFileManager(null, null, null).getJavaFileObjects(
                sources.resolve("module-info.java"), sources.resolve("host/Host.java")))
        .call();
    return compiled ? "" : errors.toString();
  }

  /** The module path this test runs on: core as built, and the modules it requires. */
  private static String modulePath() {
    String path = System.getProperty("jdk.module.path");
    assertThat(path).as("surefire runs core's tests on the module path").isNotBlank();
    return path;
  }

  private static ModuleDescriptor builtModule() throws URISyntaxException {
    Path classes = Path.of(Memberships.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<ModuleDescriptor> found = ModuleFinder.of(classes).findAll().stream()
        .map(ModuleReference::descriptor)
        .collect(Collectors.toSet());
    assertThat(found).hasSize(1);
    return found.iterator().next();
  }
}
