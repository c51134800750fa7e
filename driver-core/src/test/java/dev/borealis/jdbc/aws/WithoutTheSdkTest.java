package dev.borealis.jdbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK is optional: with it hidden from the class loader, every plugin factory still loads (so a driver
 * without the SDK works and lists the properties), and enabling a plugin fails naming the artifact to add.
 */
class WithoutTheSdkTest {

  /** Loads the driver's own classes itself (so they link against what it sees) and refuses the AWS SDK. */
  private static final class SdkHidingLoader extends URLClassLoader {
    SdkHidingLoader() {
      super(new URL[] {IamPluginFactory.class.getProtectionDomain().getCodeSource().getLocation()},
          WithoutTheSdkTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (name.startsWith("software.amazon.awssdk.")) {
          throw new ClassNotFoundException(name + " (hidden by the test)");
        }
        if (!name.startsWith("dev.borealis.jdbc.")) {
          return super.loadClass(name, resolve);
        }
        Class<?> c = findLoadedClass(name);
        return c != null ? c : findClass(name);
      }
    }
  }

  @Test
  void everyPluginFactoryLoadsWithoutTheSdk() throws Exception {
    try (SdkHidingLoader loader = new SdkHidingLoader()) {
      Class<?> spi = loader.loadClass("dev.borealis.jdbc.spi.PluginFactory");
      List<String> codes = new ArrayList<>();
      // the main registrations only (the test class path adds test plugins of its own)
      URL services = loader.findResource("META-INF/services/dev.borealis.jdbc.spi.PluginFactory");
      try (java.io.InputStream in = services.openStream()) {
        for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          Object f = loader.loadClass(line.trim()).getConstructor().newInstance();
          codes.add((String) spi.getMethod("code").invoke(f));
          assertThat((List<?>) spi.getMethod("properties").invoke(f)).isNotNull();
        }
      }
      assertThat(codes).contains("iam", "awsSecretsManager", "initialConnection", "readWriteSplitting");
    }
  }

  @Test
  void enablingIamWithoutTheSdkNamesTheArtifact() throws Exception {
    SQLException e = enable("dev.borealis.jdbc.aws.IamPluginFactory", Map.of("user", "app", "iamRegion", "us-east-1"));
    assertThat(e.getMessage()).contains("plugin 'iam' needs software.amazon.awssdk:rds on the class path");
    assertThat(e.getSQLState()).isEqualTo("08001");
  }

  @Test
  void enablingSecretsManagerWithoutTheSdkNamesTheArtifact() throws Exception {
    SQLException e = enable("dev.borealis.jdbc.aws.SecretsManagerPluginFactory",
        Map.of("secretsManagerSecretId", "db", "secretsManagerRegion", "us-east-1"));
    assertThat(e.getMessage())
        .contains("plugin 'awsSecretsManager' needs software.amazon.awssdk:secretsmanager on the class path");
    assertThat(e.getSQLState()).isEqualTo("08001");
  }

  /** Calls {@code credentials(config, null)} on the factory as loaded without the SDK; returns what it threw. */
  private static SQLException enable(String factoryClass, Map<String, String> props) throws Exception {
    try (SdkHidingLoader loader = new SdkHidingLoader()) {
      Class<?> fc = loader.loadClass(factoryClass);
      Object factory = fc.getConstructor().newInstance();
      Class<?> configClass = loader.loadClass("dev.borealis.jdbc.config.BorealisConfig");
      Object config = configClass.getMethod("parse", Map.class, List.class)
          .invoke(null, props, fc.getMethod("properties").invoke(factory));
      Method credentials = fc.getMethod("credentials", configClass,
          loader.loadClass("dev.borealis.jdbc.spi.TargetEngine"));
      Throwable thrown = catchThrowable(() -> credentials.invoke(factory, config, null));
      assertThat(thrown).isInstanceOf(InvocationTargetException.class);
      assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
      return (SQLException) thrown.getCause();
    }
  }
}
