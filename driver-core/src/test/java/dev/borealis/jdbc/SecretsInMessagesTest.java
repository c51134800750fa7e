package dev.borealis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.borealis.jdbc.config.ConnectionUrl;
import dev.borealis.jdbc.fake.LogCapture;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: the redaction used to parse URLs with regular expressions of its own, so a password that the real parser
 * read correctly was shown in the 08001 message for a malformed URL. Each URL here carries the halves {@code T0p} and
 * {@code S3cr3t} of a password around an odd delimiter, plus a URL error after it so that the message echoes the URL.
 */
class SecretsInMessagesTest {

  private static final String F = "jdbc:borealis:fake://";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      F + "nohost/db?password=T0p#S3cr3t",
      F + "admin:T0p#S3cr3t@nohost:99999/db",
      F + "admin:T0p/S3cr3t@nohost:99999/db",
      F + "admin:T0p?S3cr3t@nohost:99999/db",
      F + "admin:T0p@S3cr3t@nohost:99999/db",
      F + "admin:T0p;S3cr3t@nohost:99999/db",
      F + "nohost/db?password=T0p;S3cr3t&bad=%zz",
      F + "nohost/db?pass%77ord=T0pS3cr3t&bad=%zz",
      F + "nohost/db?PASSWORD=T0pS3cr3t&bad=%zz",
      F + "nohost/db?password=T0p&S3cr3t&bad=1",
      F + "nohost/db?password=T0p=S3cr3t&x",
      F + "admin:T0p%S3cr3t@nohost/db",
      F + "admin:T0pS3cr3t@/db",
      F + "admin:T0pS3cr3t@nohost:99999/db?password=again",
      F + "nohost/db?password=T0pS3cr3t&password=T0pS3cr3t"})
  void aMalformedUrlsMessageShowsNoPartOfThePassword(String url) {
    try (LogCapture logs = new LogCapture()) {
      SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url));

      assertThat((Throwable) e).as(url).isNotNull();
      assertThat(e.getSQLState()).isEqualTo("08001");
      assertThat(e.getMessage()).startsWith("Borealis URL jdbc:borealis:");
      for (String text : everything(e)) {
        assertThat(text).doesNotContain("T0p").doesNotContain("S3cr3t");
      }
      assertThat(logs.lines()).noneMatch(l -> l.contains("S3cr3t") || l.contains("T0p"));
      assertThat(ConnectionUrl.redact(url)).doesNotContain("T0p").doesNotContain("S3cr3t");
    }
  }

  /** The URL forms the old redaction got wrong now parse to the password the user wrote, and render without it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      F + "admin:T0p#S3cr3t@h/db | T0p#S3cr3t",
      F + "admin:T0p/S3cr3t@h/db | T0p/S3cr3t",
      F + "admin:T0p?S3cr3t@h/db | T0p?S3cr3t",
      F + "admin:T0p@S3cr3t@h/db | T0p@S3cr3t",
      F + "admin:T0p;S3cr3t@h/db | T0p;S3cr3t",
      F + "h/db?password=T0p;S3cr3t | T0p;S3cr3t",
      F + "h/db?pass%77ord=T0pS3cr3t | T0pS3cr3t"})
  void oddPasswordsParseAsWrittenAndRenderRedacted(String url, String password) throws SQLException {
    ConnectionUrl parsed = ConnectionUrl.parse(url);

    assertThat(parsed.properties()).containsEntry("password", password);
    assertThat(parsed.hosts()).extracting(ConnectionUrl.UrlHost::host).containsExactly("h");
    assertThat(parsed.database()).isEqualTo("db");
    assertThat(parsed.toString()).doesNotContain("T0p").contains("password=***");
    assertThat(ConnectionUrl.redact(url)).doesNotContain("T0p").doesNotContain("S3cr3t");
  }

  @Test
  void anAtSignInAQueryValueIsNotTakenForUserInfo() throws SQLException {
    ConnectionUrl parsed = ConnectionUrl.parse(F + "h/db?email=a@b.example&user=u");

    assertThat(parsed.hosts()).extracting(ConnectionUrl.UrlHost::host).containsExactly("h");
    assertThat(parsed.properties()).containsEntry("email", "a@b.example").containsEntry("user", "u");
  }

  @Test
  void redactionRendersTheParsedFormWithSecretsHidden() {
    assertThat(ConnectionUrl.redact(F + "u:pw@h:1,[::1%25lo]/my%20db?apiToken=t&x=a%26b"))
        .isEqualTo(F + "u:***@h:1,[::1%25lo]/my%20db?apiToken=***&x=a%26b");
    assertThat(ConnectionUrl.redact(F + "u:pw@h:99999/db?x=1")).isEqualTo(F + "u:***@…");
    assertThat(ConnectionUrl.redact("jdbc:borealis:Fake://u:pw@h")).isEqualTo("jdbc:borealis:…");
  }

  private static List<String> everything(Throwable e) {
    List<String> out = new ArrayList<>();
    collect(e, out, 0);
    return out;
  }

  private static void collect(Throwable t, List<String> out, int depth) {
    if (t == null || depth > 20) {
      return;
    }
    out.add(String.valueOf(t.getMessage()));
    out.add(t.toString());
    for (Throwable s : t.getSuppressed()) {
      collect(s, out, depth + 1);
    }
    collect(t.getCause(), out, depth + 1);
  }
}
