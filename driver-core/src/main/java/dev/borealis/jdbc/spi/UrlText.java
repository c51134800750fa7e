package dev.borealis.jdbc.spi;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for URL parts, for engines building their target driver's URL and for rendering Borealis URLs.
 * Connector/J and pgJDBC both percent-decode the database part of their URLs (and read {@code ?} as the start of
 * their properties), so a database name must travel encoded or it could set target-driver properties.
 */
public final class UrlText {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlText() {
  }

  /**
   * {@code s} with every UTF-8 byte outside RFC 3986's unreserved set ({@code A-Z a-z 0-9 - . _ ~}) as {@code %XX}:
   * also {@code +} and space, which {@code URLDecoder}-based target drivers would otherwise read differently.
   */
  public static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }
}
