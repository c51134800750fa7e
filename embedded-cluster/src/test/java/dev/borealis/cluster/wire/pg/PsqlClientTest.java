package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's psql runs a script with meta-commands against the embedded cluster (skipped when psql is absent). */
class PsqlClientTest {

    private static Cluster cluster;
    private static PgTestServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(psql() != null, "psql is not on PATH: install postgresql-client to run this test");
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("psql").readers(0).user("app", "secret").start();
        server = new PgTestServer(cluster, PgAuthMethod.SCRAM_SHA_256);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
            cluster.close();
        }
    }

    private static String psql() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "psql");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    @Test
    void runsAScriptWithMetaCommands(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, String.join("\n",
                "CREATE TABLE accounts (id SERIAL PRIMARY KEY, owner VARCHAR(40) NOT NULL, balance NUMERIC(12,2) DEFAULT 0);",
                "INSERT INTO accounts (owner, balance) VALUES ('ann', 10.50), ('bob', 20);",
                "BEGIN;",
                "UPDATE accounts SET balance = balance + 1 WHERE owner = 'ann';",
                "COMMIT;",
                "SELECT owner, balance FROM accounts ORDER BY id;",
                "\\copy accounts (owner, balance) from stdin with (format csv)",
                "cy,30",
                "\\.",
                "SELECT count(*) AS n FROM accounts;",
                "\\dt",
                "\\d accounts",
                "SHOW server_version;",
                ""), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(psql(), "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", String.valueOf(server.writerPort()), "-U", "app", "-d", "postgres", "-f", script.toString());
        pb.environment().put("PGPASSWORD", "secret");
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("CREATE TABLE", "INSERT 0 2", "UPDATE 1", "COPY 1")
                .contains(" ann   |   11.50", " n \n---\n 3\n")
                .containsPattern("public \\| accounts \\| table")
                .containsPattern("owner +\\| character varying\\(40\\) +\\| +\\| not null")
                .containsPattern("balance +\\| numeric\\(12,2\\) +\\| +\\| +\\| 0")
                .contains("16.4");
    }
}
