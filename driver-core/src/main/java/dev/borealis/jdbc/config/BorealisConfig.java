package dev.borealis.jdbc.config;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A connection's wrapper settings, parsed and validated once, and the properties meant for the target driver,
 * passed on untouched. Keys may carry a {@code borealis.} prefix ({@code borealis.dialect} = {@code dialect}); an
 * unknown {@code borealis.}-prefixed key is logged and dropped, any other unknown key goes to the target driver.
 *
 * @param values           parsed values by property name (absent: the property's default applies)
 * @param targetProperties what the target driver receives (user, password, its own settings)
 */
public record BorealisConfig(Map<String, Object> values, Map<String, String> targetProperties) {

  public static final String NAMESPACE = "borealis.";
  private static final Logger LOG = Logger.getLogger(BorealisConfig.class.getName());

  public BorealisConfig {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    targetProperties = Collections.unmodifiableMap(new LinkedHashMap<>(targetProperties));
  }

  /** Splits {@code merged} into wrapper values (validated against {@code known}) and target properties. */
  public static BorealisConfig parse(Map<String, String> merged, List<Property<?>> known) throws SQLException {
    Map<String, Property<?>> byName = new LinkedHashMap<>();
    for (Property<?> p : known) {
      byName.put(p.name(), p);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> target = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : merged.entrySet()) {
      String key = e.getKey();
      boolean namespaced = key.startsWith(NAMESPACE);
      Property<?> p = byName.get(namespaced ? key.substring(NAMESPACE.length()) : key);
      if (p != null) {
        values.put(p.name(), p.parse(e.getValue()));
      } else if (namespaced) {
        LOG.warning(() -> "unknown Borealis property '" + key + "' ignored (known: " + byName.keySet() + ")");
      } else {
        target.put(key, e.getValue());
      }
    }
    return new BorealisConfig(values, target);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Property<T> p) {
    Object v = values.get(p.name());
    return v == null ? p.defaultValue() : (T) v;
  }

  /** Whether the property was given (rather than defaulted). */
  public boolean isSet(Property<?> p) {
    return values.containsKey(p.name());
  }

  public Properties newTargetProperties() {
    Properties p = new Properties();
    p.putAll(targetProperties);
    return p;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    targetProperties.forEach((k, v) -> shown.put(k, Secrets.isSecret(k) ? "***" : v));
    return "BorealisConfig" + values + " target" + shown;
  }
}
