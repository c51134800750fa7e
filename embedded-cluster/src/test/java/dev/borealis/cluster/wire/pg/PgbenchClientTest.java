package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's pgbench initialises its tables and runs its select-only and TPC-B-like scripts (skipped without pgbench). */
class PgbenchClientTest {

    private static Cluster cluster;
    private static PgTestServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(tool("pgbench") != null, "pgbench is not on PATH: install postgresql-contrib to run this test");
        cluster = Cluster.builder().engine(Engine.POSTGRESQL).name("pgbench").readers(0).user("app", "secret").start();
        server = new PgTestServer(cluster, PgAuthMethod.SCRAM_SHA_256);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
            cluster.close();
        }
    }

    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool("pgbench"), "-h", "127.0.0.1", "-p",
                String.valueOf(server.writerPort()), "-U", "app"));
        command.addAll(List.of(args));
        command.add("postgres");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PGPASSWORD", "secret");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void initialisesThenRunsSelectOnlyAndTpcbLikeScripts() throws Exception {
        assertThat(run("-i", "-s", "1")).contains("done");
        assertThat(run("-S", "-t", "200", "-c", "2")).contains("number of transactions actually processed: 400/400");
        assertThat(run("-t", "50", "-c", "2")).contains("number of transactions actually processed: 100/100")
                .contains("number of failed transactions: 0");
    }
}
