package dev.borealis.jdbc.aws;

import java.sql.SQLException;

/** Checks that the optional AWS SDK is there before any class that touches it is loaded. */
final class SdkCheck {

  private SdkCheck() {
  }

  /**
   * Fails with a message naming {@code plugin} and the Maven {@code artifact} when {@code className} cannot be
   * loaded through {@code loader}.
   */
  static void require(String plugin, String artifact, String className, ClassLoader loader) throws SQLException {
    try {
      Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SQLException("plugin '" + plugin + "' needs " + artifact + " on the class path (AWS SDK for Java v2; "
          + "add it next to the Borealis driver, see docs/credentials.md): " + className + " is missing", "08001", e);
    }
  }
}
