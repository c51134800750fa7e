package dev.borealis.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.borealis.jdbc.spi.HostSpec;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: the database name was percent-decoded and concatenated into pgJDBC's URL, so
 * {@code postgres%3Fsslmode%3Dbogus} reached pgJDBC as its {@code sslmode}. Checked with pgJDBC's own URL parser
 * ({@code Driver.parseURL}, which URL-decodes the database, '+' as a space).
 */
class PostgresPhysicalUrlTest {

  private final PostgresEngine engine = new PostgresEngine();

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"postgres?sslmode=bogus", "db?ApplicationName=x&readOnly=true", "a&b=c", "x#y", "a+b c",
      "%41", "été", "p/q", "", "plain_db"})
  void pgjdbcReadsTheDatabaseNameAsWrittenAndNoProperty(String database) {
    String url = engine.physicalUrl(HostSpec.of("h", 5432), database);

    Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());

    assertThat(parsed).as(url).isNotNull();
    // no database: pgJDBC sets none (the server then takes the user's name)
    assertThat(parsed.getProperty("PGDBNAME", "")).as(url).isEqualTo(database);
    assertThat(parsed.stringPropertyNames()).as(url).isSubsetOf("PGDBNAME", "PGHOST", "PGPORT");
  }

  @Test
  void anIpv6HostWithAZoneEndsInAnSqlException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "jdbc:borealis:postgresql://[::ffff:127.0.0.1%25lo]:" + port + "/db?wrapperPlugins=&connectTimeout=1";

    Throwable t = catchThrowable(() -> DriverManager.getConnection(url, "u", "p").close());

    assertThat(t).isInstanceOf(SQLException.class);
    assertThat(((SQLException) t).getSQLState()).isNotNull();
  }
}
