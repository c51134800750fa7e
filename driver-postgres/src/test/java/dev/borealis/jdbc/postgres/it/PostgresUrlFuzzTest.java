package dev.borealis.jdbc.postgres.it;

import dev.borealis.jdbc.it.UrlFuzzContract;
import java.util.List;
import java.util.Map;

/** The URL fuzz test through pgJDBC. */
class PostgresUrlFuzzTest extends UrlFuzzContract {

  @Override
  protected String scheme() {
    return "postgresql";
  }

  @Override
  protected List<String> targetPairs() {
    return List.of("connectTimeout=1", "connectTimeout=abc", "sslmode=bogus", "loginTimeout=x", "socketTimeout=-1",
        "ApplicationName=%C3%A9", "options=-c%20x%3Dy", "targetServerType=bogus", "sslmode=verify-full",
        "gssEncMode=bogus");
  }

  @Override
  protected Map<String, String> tinyTimeouts() {
    return Map.of("connectTimeout", "1", "socketTimeout", "1");
  }
}
