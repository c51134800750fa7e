package dev.borealis.jdbc.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which property keys hold secrets: the one place that decides, for URLs ({@link ConnectionUrl#redact}), target
 * properties ({@link BorealisConfig#toString}) and property errors ({@link Property#parse}). A key is compared
 * after percent-decoding (the URL parser decodes keys before anyone asks), case-insensitively.
 */
public final class Secrets {

  /**
   * Words that mark a secret anywhere in a key: {@code password} (and {@code pwd}, as in ODBC's {@code PWD}); the
   * credentials plugins' and target drivers' {@code secret}s and {@code token}s (an IAM token is a password); key
   * material ({@code sslKeyPassword}, {@code sslpassword}, {@code trustCertificateKeyStorePassword}).
   */
  private static final String[] MARKERS = {"password", "pwd", "passwd", "secret", "token", "credential", "apikey"};

  private Secrets() {
  }

  /** Whether a property of this name holds a secret. */
  public static boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    String k = leniently(key).toLowerCase(Locale.ROOT);
    for (String m : MARKERS) {
      if (k.contains(m)) {
        return true;
      }
    }
    return false;
  }

  /** Percent-escapes decoded where they are valid (a Properties key is not decoded by anyone else). */
  private static String leniently(String key) {
    if (key.indexOf('%') < 0) {
      return key;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      int hi = i + 2 < key.length() ? Character.digit(key.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(key.charAt(i + 2), 16) : -1;
      if (c == '%' && lo >= 0) {
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    String decoded = out.toString(StandardCharsets.UTF_8);
    return decoded.equals(key) ? key : key + " " + leniently(decoded); // %2577 decodes twice, check both
  }

  /** The URL as {@link ConnectionUrl#redact} shows it. */
  public static String redactUrl(String url) {
    return ConnectionUrl.redact(url);
  }
}
