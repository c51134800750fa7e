package dev.borealis.cluster.wire.mysql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlTranslatorTest {

    private static final SqlTranslator.Context CONTEXT = new SqlTranslator.Context() {
        private final Map<String, Object> vars = Map.of("version", "8.0.39", "auto_increment_increment", 1L);

        @Override
        public Object systemVariable(String name) throws MySqlErrorException {
            if (!vars.containsKey(name)) {
                throw new MySqlError(1193, "HY000", "Unknown system variable '" + name + "'").exception();
            }
            return vars.get(name);
        }

        @Override
        public long lastInsertId() {
            return 42;
        }

        @Override
        public int connectionId() {
            return 7;
        }

        @Override
        public long foundRows() {
            return 3;
        }

        @Override
        public long rowCount() {
            return 1;
        }

        @Override
        public String sessionUser() {
            return "app@127.0.0.1";
        }
    };

    private static String t(String sql) throws MySqlErrorException {
        return SqlTranslator.translate(sql, CONTEXT);
    }

    @Test
    void stringLiteralsLoseBackslashEscapesAndDoubleQuotes() throws Exception {
        assertThat(t("SELECT 'It\\'s', \"say \\\"hi\\\"\", 'a''b', \"x\"\"y\"")).isEqualTo("SELECT 'It''s', 'say \"hi\"', 'a''b', 'x\"y'");
        assertThat(t("SELECT 'line\\nbreak'")).isEqualTo("SELECT 'line\nbreak'");
    }

    @Test
    void userFunctionsNameTheLoggedInAccount() throws Exception {
        assertThat(t("SELECT USER(), SESSION_USER()"))
                .isEqualTo("SELECT 'app@127.0.0.1' AS \"USER()\", 'app@127.0.0.1' AS \"SESSION_USER()\"");
        assertThat(t("SELECT CURRENT_USER(), CURRENT_USER"))
                .isEqualTo("SELECT 'app@%' AS \"CURRENT_USER()\", 'app@%'");
    }

    @Test
    void systemVariablesBecomeLiteralsNamedLikeMySqlNamesThem() throws Exception {
        assertThat(t("SELECT @@session.auto_increment_increment AS auto_increment_increment, @@version"))
                .isEqualTo("SELECT 1 AS auto_increment_increment, '8.0.39' AS `@@version`");
        assertThat(t("SELECT * FROM t WHERE v = @@version")).isEqualTo("SELECT * FROM t WHERE v = '8.0.39'");
        assertThatThrownBy(() -> t("SELECT @@nope")).hasMessageContaining("Unknown system variable 'nope'");
    }

    @Test
    void functionsH2LacksAreRedirectedOrReplaced() throws Exception {
        assertThat(t("SELECT time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP))"))
                .isEqualTo("SELECT borealis_sys.time_to_sec(borealis_sys.timediff(LOCALTIMESTAMP(0), LAST_UPDATE_TIMESTAMP))"
                        + " AS \"time_to_sec(timediff(now(), LAST_UPDATE_TIMESTAMP))\"");
        assertThat(t("SELECT IF(a, 1, 2), DATABASE(), LAST_INSERT_ID(), CONNECTION_ID(), FOUND_ROWS()"))
                .isEqualTo("SELECT CASEWHEN(a, 1, 2) AS \"IF(a, 1, 2)\", SCHEMA() AS \"DATABASE()\", 42 AS \"LAST_INSERT_ID()\","
                        + " 7 AS \"CONNECTION_ID()\", 3 AS \"FOUND_ROWS()\"");
        assertThat(t("SELECT CAST(x AS UNSIGNED INTEGER), t.version FROM t")).isEqualTo("SELECT CAST(x AS BIGINT) AS \"CAST(x AS UNSIGNED INTEGER)\", t.version FROM t");
    }

    @Test
    void auroraAndCatalogTablesMapToTheSurface() throws Exception {
        assertThat(t("SELECT * FROM INFORMATION_SCHEMA.`REPLICA_HOST_STATUS` r JOIN information_schema.columns c ON 1=1"))
                .isEqualTo("SELECT * FROM borealis_sys.replica_host_status r JOIN borealis_sys.columns c ON 1=1");
        assertThat(t("SELECT * FROM information_schema.sequences")).isEqualTo("SELECT * FROM information_schema.sequences");
    }

    @Test
    void commentsAndHintsAreResolved() throws Exception {
        assertThat(t("/*!40101 SET NAMES utf8 */")).isEqualTo("SET NAMES utf8");
        assertThat(t("SELECT 1 # trailing")).isEqualTo("SELECT 1");
        assertThat(t("SELECT SQL_CALC_FOUND_ROWS a FROM t LOCK IN SHARE MODE")).isEqualTo("SELECT  a FROM t");
    }

    @Test
    void havingWithoutGroupByBecomesAFilterOverADerivedTable() throws Exception {
        assertThat(t("SELECT a AS x FROM t HAVING x IN (?) ORDER BY x"))
                .isEqualTo("SELECT * FROM (SELECT a AS x FROM t  ORDER BY x) AS borealis_having WHERE  x IN (?)");
        assertThat(t("SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1"))
                .isEqualTo("SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1");
    }

    @Test
    void statementsSplitOnTopLevelSemicolonsOnly() {
        assertThat(SqlLexer.splitStatements("SELECT ';'; SELECT \"a;b\" ; -- c;\n SELECT `x;y`;"))
                .containsExactly("SELECT ';'", "SELECT \"a;b\"", "-- c;\n SELECT `x;y`");
        assertThat(SqlLexer.splitStatements("CREATE PROCEDURE p() BEGIN SELECT 1; END")).hasSize(1);
    }

    @Test
    void insertColumnListsAreFound() {
        assertThat(InsertColumns.names("INSERT INTO t (`id`, name) VALUES (1, 'a')")).containsExactlyInAnyOrder("id", "name");
        assertThat(InsertColumns.names("INSERT INTO t SET id = 1, v = 2")).containsExactlyInAnyOrder("id", "v");
        assertThat(InsertColumns.names("INSERT INTO t VALUES (1)")).isEmpty();
    }
}
