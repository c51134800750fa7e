package dev.borealis.jdbc.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The built borealis-jdbc jar and the target drivers' jars, as the tool-jar surefire execution names them. */
final class ToolJar {

  private ToolJar() {
  }

  static Path borealisJar() {
    return existing("borealis.jdbc.jar");
  }

  /**
   * What DBeaver or IntelliJ build for a user-added driver: a loader with only the driver jars, whose parent is the
   * platform loader, so nothing of this test's class path (the unshaded modules, Caffeine, the cluster) is visible.
   */
  static URLClassLoader toolLoader() {
    try {
      URL[] jars = {borealisJar().toUri().toURL(), existing("connectorj.jar").toUri().toURL(),
          existing("pgjdbc.jar").toUri().toURL()};
      return new URLClassLoader("dbeaver-like", jars, ClassLoader.getPlatformClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property %s (set by the tool-jar surefire execution)", property).isNotBlank();
    Path path = Path.of(value);
    assertThat(Files.isRegularFile(path)).as("%s = %s exists", property, path).isTrue();
    return path;
  }
}
