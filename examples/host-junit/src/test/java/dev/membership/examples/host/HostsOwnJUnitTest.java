package dev.membership.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The testkit brings no JUnit of its own: every JUnit jar on this test class path is the version
 * this host's POM declares ({@code host.jupiter.version}, handed over by surefire as
 * {@code declared.jupiter.version}). With the testkit's junit-jupiter-api at compile scope and the
 * testkit declared first, junit-jupiter-api and junit-platform-commons were the testkit's; most such
 * mixes kill the test JVM before any test runs, and this test catches those that do not.
 */
class HostsOwnJUnitTest {

  @Test
  void every_junit_jar_on_the_test_class_path_is_the_version_the_host_declared() throws ClassNotFoundException {
    String jupiter = System.getProperty("declared.jupiter.version");
    // Jupiter 5.y.z runs on Platform 1.y.z; from 6.0 both carry one version.
    String platform = jupiter.startsWith("5.") ? "1." + jupiter.substring(2) : jupiter;
    Map<String, String> found = new TreeMap<>();
    for (String type : new String[] {
        "org.junit.jupiter.api.Test",                          // junit-jupiter-api
        "org.junit.jupiter.params.ParameterizedTest",          // junit-jupiter-params
        "org.junit.jupiter.engine.JupiterTestEngine",          // junit-jupiter-engine
        "org.junit.platform.commons.util.ReflectionUtils",     // junit-platform-commons
        "org.junit.platform.engine.TestEngine",                // junit-platform-engine
        "org.junit.platform.launcher.Launcher"}) {             // junit-platform-launcher (surefire's)
      found.put(type, Class.forName(type).getPackage().getImplementationVersion());
    }

    assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of(
        "org.junit.jupiter.api.Test", jupiter,
        "org.junit.jupiter.params.ParameterizedTest", jupiter,
        "org.junit.jupiter.engine.JupiterTestEngine", jupiter,
        "org.junit.platform.commons.util.ReflectionUtils", platform,
        "org.junit.platform.engine.TestEngine", platform,
        "org.junit.platform.launcher.Launcher", platform));
  }
}
