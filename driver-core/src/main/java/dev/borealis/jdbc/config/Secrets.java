package dev.borealis.jdbc.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords and tokens out of messages: every URL or property set that is echoed goes through here. */
public final class Secrets {

  private static final Pattern USER_INFO = Pattern.compile("(//[^/@?#]*?):[^/@?#]*@");
  private static final Pattern QUERY_PAIR = Pattern.compile("([?&;])([^=&;#]*)=([^&;#]*)");

  private Secrets() {
  }

  /** Whether a property of this name holds a secret. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("pwd");
  }

  /** The URL with the password of {@code user:password@} and every secret property value replaced by ***. */
  public static String redactUrl(String url) {
    if (url == null) {
      return null;
    }
    String s = USER_INFO.matcher(url).replaceAll("$1:***@");
    Matcher m = QUERY_PAIR.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = isSecret(m.group(2)) ? "***" : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
