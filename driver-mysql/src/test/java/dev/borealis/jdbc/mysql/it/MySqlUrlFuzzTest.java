package dev.borealis.jdbc.mysql.it;

import dev.borealis.jdbc.it.UrlFuzzContract;
import java.util.List;
import java.util.Map;

/** The URL fuzz test through Connector/J. */
class MySqlUrlFuzzTest extends UrlFuzzContract {

  @Override
  protected String scheme() {
    return "mysql";
  }

  @Override
  protected List<String> targetPairs() {
    return List.of("connectTimeout=200", "connectTimeout=abc", "socketTimeout=-1", "sslMode=BOGUS",
        "sslMode=VERIFY_IDENTITY", "allowPublicKeyRetrieval=true", "characterEncoding=nosuch", "useSSL=maybe",
        "connectTimeout=%3F", "maxAllowedPacket=-1");
  }

  @Override
  protected Map<String, String> tinyTimeouts() {
    return Map.of("connectTimeout", "200", "socketTimeout", "500");
  }
}
