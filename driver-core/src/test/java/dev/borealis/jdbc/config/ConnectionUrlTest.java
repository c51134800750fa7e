package dev.borealis.jdbc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

  /** url | target | hosts as host:port (0 = default) joined by ';' | database | properties k=v joined by ';'. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "jdbc:borealis:mysql://h/db | mysql | h:0 | db | ''",
      "jdbc:borealis:mysql://h:3307/db | mysql | h:3307 | db | ''",
      "jdbc:borealis:postgresql://a,b:5433,c/app | postgresql | a:0;b:5433;c:0 | app | ''",
      "jdbc:borealis:mysql://[::1]:3306/db | mysql | ::1:3306 | db | ''",
      "jdbc:borealis:mysql://[fe80::1%25eth0]/db | mysql | fe80::1%eth0:0 | db | ''",
      "jdbc:borealis:mysql://[::1],h2:1/db | mysql | ::1:0;h2:1 | db | ''",
      "jdbc:borealis:mysql://h | mysql | h:0 | '' | ''",
      "jdbc:borealis:mysql://h/ | mysql | h:0 | '' | ''",
      "jdbc:borealis:mysql://h?a=1 | mysql | h:0 | '' | a=1",
      "jdbc:borealis:mysql://h/my%20db?x=a%26b&y= | mysql | h:0 | my db | x=a&b;y=",
      "jdbc:borealis:mysql://H.Example.COM/db | mysql | h.example.com:0 | db | ''",
      "jdbc:borealis:mysql://u:p%40ss@h/db | mysql | h:0 | db | user=u;password=p@ss",
      "jdbc:borealis:mysql://u@h/db?k=%C3%A9 | mysql | h:0 | db | user=u;k=é",
      "jdbc:borealis:mysql://db.cluster-abc.us-east-1.rds.amazonaws.com:3306/db | mysql | "
          + "db.cluster-abc.us-east-1.rds.amazonaws.com:3306 | db | ''",
      "jdbc:borealis:postgresql://10.0.0.1:5432,10.0.0.2:5432/app?wrapperPlugins=readWriteSplitting | postgresql | "
          + "10.0.0.1:5432;10.0.0.2:5432 | app | wrapperPlugins=readWriteSplitting"})
  void parses(String url, String target, String hosts, String db, String props) throws SQLException {
    ConnectionUrl u = ConnectionUrl.parse(url);
    assertThat(u.target()).isEqualTo(target);
    assertThat(String.join(";", u.hosts().stream().map(h -> h.toSpec(1).host() + ":" + h.port()).toList()))
        .isEqualTo(hosts);
    assertThat(u.database()).isEqualTo(db);
    String shown = String.join(";", u.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .toList());
    assertThat(shown).isEqualTo(props);
  }

  @Test
  void defaultPortsComeFromTheEngine() throws SQLException {
    assertThat(ConnectionUrl.parse("jdbc:borealis:mysql://a,b:7/db").hostSpecs(3306))
        .extracting(h -> h.hostAndPort()).containsExactly("a:3306", "b:7");
  }

  @Test
  void toStringAndRedactionHidePasswords() throws SQLException {
    ConnectionUrl u = ConnectionUrl.parse("jdbc:borealis:mysql://u:pw1@h/db?x=1");
    assertThat(u.properties()).isEqualTo(Map.of("user", "u", "password", "pw1", "x", "1"));
    assertThat(u.toString()).doesNotContain("pw1").contains("password=***");
    assertThatThrownBy(() -> ConnectionUrl.parse("jdbc:borealis:mysql://u:pw1@h/db?password=pw2"))
        .hasMessageContaining("sets property 'password' twice").hasMessageNotContaining("pw1")
        .hasMessageNotContaining("pw2");
    assertThat(Secrets.redactUrl("jdbc:borealis:mysql://u:pw1@h/db?apiToken=t&x=1"))
        .isEqualTo("jdbc:borealis:mysql://u:***@h/db?apiToken=***&x=1");
  }
}
