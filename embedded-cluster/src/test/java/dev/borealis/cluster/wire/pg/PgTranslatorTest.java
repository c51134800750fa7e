package dev.borealis.cluster.wire.pg;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL → H2 translation, statement by statement. */
class PgTranslatorTest {

    private static PgStatement translate(String sql) {
        List<List<PgLexer.Token>> parts = PgLexer.statements(sql);
        assertThat(parts).hasSize(1);
        return PgTranslator.translate(parts.get(0));
    }

    private static String h2(String sql) {
        return translate(sql).h2Sql();
    }

    @Test
    void untouchedSqlIsReproducedExactly() {
        String sql = "SELECT a, 'it''s; here' AS \"we;ird\" -- c;omment\n FROM t /* x; */ WHERE b = $$do;llar$$";
        assertThat(h2(sql)).isEqualTo(sql);
    }

    @Test
    void splitsStatementsOnlyAtTopLevelSemicolons() {
        assertThat(PgLexer.statements("SELECT ';'; SELECT 2;")).hasSize(2);
        assertThat(PgLexer.statements("")).hasSize(1);
    }

    @Test
    void parametersAndEscapeStringsBecomeH2Syntax() {
        assertThat(h2("SELECT $1, $12, E'a\\nb''c'")).isEqualTo("SELECT ?1, ?12, 'a\nb''c'");
    }

    @Test
    void operatorSyntaxAndCatalogQualifiersAreResolved() {
        assertThat(h2("SELECT 1 WHERE a OPERATOR(pg_catalog.=) b")).isEqualTo("SELECT 1 WHERE a = b");
        assertThat(h2("SELECT pg_catalog.version()")).isEqualTo("SELECT borealis_version()");
        assertThat(h2("SELECT * FROM pg_catalog.pg_type t JOIN pg_namespace n ON true"))
                .isEqualTo("SELECT * FROM borealis_pg.pg_type t JOIN borealis_pg.pg_namespace n ON true");
        assertThat(h2("SELECT x FROM t WHERE n !~ '^pg_'")).isEqualToNormalizingWhitespace("SELECT x FROM t WHERE n NOT REGEXP '^pg_'");
        assertThat(h2("CREATE TABLE t (at timestamptz)")).isEqualTo("CREATE TABLE t (at TIMESTAMP WITH TIME ZONE)");
    }

    @Test
    void returningBecomesADataChangeDeltaTable() {
        assertThat(h2("INSERT INTO t (a) VALUES (1) RETURNING id"))
                .isEqualTo("SELECT id FROM FINAL TABLE (INSERT INTO t (a) VALUES (1) )");
        assertThat(h2("DELETE FROM t WHERE a = 1 RETURNING *"))
                .isEqualTo("SELECT * FROM OLD TABLE (DELETE FROM t WHERE a = 1 )");
        assertThat(translate("INSERT INTO t (a) VALUES (1) RETURNING id").verb()).isEqualTo("INSERT");
    }

    @Test
    void onConflictBecomesMerge() {
        assertThat(h2("INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v"))
                .isEqualTo("MERGE INTO kv USING (VALUES ('a', 1)) AS excluded(k, v) ON kv.k = excluded.k"
                        + " WHEN MATCHED THEN UPDATE SET v = kv.v + excluded.v"
                        + " WHEN NOT MATCHED THEN INSERT (k, v) VALUES (excluded.k, excluded.v)");
        assertThat(h2("INSERT INTO kv (k, v) VALUES ('a', 1) ON CONFLICT (k) DO NOTHING"))
                .isEqualTo("MERGE INTO kv USING (VALUES ('a', 1)) AS excluded(k, v) ON kv.k = excluded.k"
                        + " WHEN NOT MATCHED THEN INSERT (k, v) VALUES (excluded.k, excluded.v)");
    }

    @Test
    void whatCannotBeTranslatedIsFeatureNotSupported() {
        assertThat(translate("INSERT INTO kv VALUES (1) ON CONFLICT DO NOTHING").kind()).isEqualTo(PgStatement.Kind.UNSUPPORTED);
        assertThat(translate("LOCK TABLE t").kind()).isEqualTo(PgStatement.Kind.UNSUPPORTED);
    }

    @Test
    void commandsAreClassifiedWithTheirTags() {
        assertThat(translate("create unique index i on t (a)").verb()).isEqualTo("CREATE INDEX");
        assertThat(translate("START TRANSACTION READ ONLY").kind()).isEqualTo(PgStatement.Kind.BEGIN);
        assertThat(translate("SET extra_float_digits = 3").kind()).isEqualTo(PgStatement.Kind.LOCAL);
        assertThat(translate("  -- nothing\n").kind()).isEqualTo(PgStatement.Kind.EMPTY);
        assertThat(h2("SHOW transaction_read_only")).isEqualTo(
                "SELECT current_setting('transaction_read_only') AS \"transaction_read_only\"");
    }

    @Test
    void generateSeriesInASelectListSelectsFromARange() {
        assertThat(h2("SELECT generate_series(1, 3)"))
                .isEqualTo("SELECT gs.generate_series FROM (SELECT \"X\" AS generate_series FROM system_range(1, 3)) gs");
    }
}
