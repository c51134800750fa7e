package dev.borealis.jdbc.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mysql.cj.conf.ConnectionUrl;
import dev.borealis.jdbc.spi.HostSpec;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: the database name was percent-decoded and concatenated into Connector/J's URL, so
 * {@code /%3FconnectTimeout%3Dabc} set Connector/J's {@code connectTimeout}, and an IPv6 zone ({@code %25lo}) made
 * Connector/J's URL decoder throw an IllegalArgumentException. Checked with Connector/J's own URL parser.
 */
class MySqlPhysicalUrlTest {

  private final MySqlEngine engine = new MySqlEngine();

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"?connectTimeout=abc", "app?socketTimeout=1&x=y", "a&b=c", "x#y", "a+b c", "%41", "été",
      "p/q", "[x]", "", "plain_db"})
  void connectorJReadsTheDatabaseNameAsWrittenAndNoProperty(String database) {
    String url = engine.physicalUrl(HostSpec.of("h", 3306), database);

    ConnectionUrl parsed = ConnectionUrl.getConnectionUrlInstance(url, new Properties());

    assertThat(parsed.getDatabase()).as(url).isEqualTo(database);
    assertThat(parsed.getOriginalProperties()).as(url).isEmpty();
    assertThat(parsed.getMainHost().getHost()).isEqualTo("h");
  }

  @Test
  void anIpv6ZoneSurvivesConnectorJsDecoding() {
    String url = engine.physicalUrl(HostSpec.of("::ffff:127.0.0.1%lo", 3306), "db");

    ConnectionUrl parsed = ConnectionUrl.getConnectionUrlInstance(url, new Properties());

    assertThat(parsed.getMainHost().getHost()).contains("::ffff:127.0.0.1%lo");
  }

  @Test
  void anIpv6HostWithAZoneEndsInAnSqlExceptionNotAnIllegalArgumentException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "jdbc:borealis:mysql://[::ffff:127.0.0.1%25lo]:" + port + "/db?wrapperPlugins=&connectTimeout=500";

    Throwable t = catchThrowable(() -> DriverManager.getConnection(url, "u", "p").close());

    assertThat(t).isInstanceOf(SQLException.class);
    assertThat(((SQLException) t).getSQLState()).isNotNull();
  }
}
