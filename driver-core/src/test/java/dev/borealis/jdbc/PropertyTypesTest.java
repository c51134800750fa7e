package dev.borealis.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: {@code Properties.getProperty} skips values that are not Strings, so {@code put("maxReplicaLagMs", -1)}
 * was silently ignored instead of validated. Numbers and booleans now count as their string form; other types fail.
 */
class PropertyTypesTest {

  private static final String URL = "jdbc:borealis:fake://no-such-fake-host/db";

  @Test
  void anIntegerValueIsValidatedExactlyLikeItsString() {
    Properties typed = new Properties();
    typed.put("maxReplicaLagMs", -1);
    Properties text = new Properties();
    text.setProperty("maxReplicaLagMs", "-1");

    SQLException fromInteger = connect(typed);
    SQLException fromString = connect(text);

    assertThat(fromInteger.getSQLState()).isEqualTo("HY024");
    assertThat(fromInteger.getMessage()).isEqualTo(fromString.getMessage())
        .contains("'maxReplicaLagMs' has invalid value '-1'");
  }

  @Test
  void numbersAndBooleansThatAreValidAreAccepted() {
    Properties p = new Properties();
    p.put("maxReplicaLagMs", 250L);
    p.put("readerFallbackToWriter", Boolean.FALSE);

    SQLException e = connect(p);

    assertThat(e.getSQLState()).as("the host does not resolve: %s", e.getMessage()).isEqualTo("08001");
  }

  @Test
  void aValueOfAnotherTypeFailsNamingThePropertyAndTheType() {
    Properties p = new Properties();
    p.put("maxReplicaLagMs", List.of(1));

    SQLException e = connect(p);

    assertThat(e.getSQLState()).isEqualTo("HY024");
    assertThat(e.getMessage()).contains("'maxReplicaLagMs'").contains("java.util.ImmutableCollections$List12");
  }

  @Test
  void aKeyThatIsNotAStringFailsNamingItsType() {
    Properties p = new Properties();
    p.put(42, "x");

    SQLException e = connect(p);

    assertThat(e.getSQLState()).isEqualTo("HY024");
    assertThat(e.getMessage()).contains("java.lang.Integer");
  }

  @Test
  void aSecretsValueOfAnotherTypeIsNotShown() {
    Properties p = new Properties();
    p.put("password", new StringBuilder("T0pS3cr3t"));

    SQLException e = connect(p);

    assertThat(e.getSQLState()).isEqualTo("HY024");
    assertThat(e.getMessage()).contains("'password'").doesNotContain("T0pS3cr3t");
  }

  private static SQLException connect(Properties p) {
    SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(URL, p).close());
    assertThat((Throwable) e).isNotNull();
    return e;
  }
}
