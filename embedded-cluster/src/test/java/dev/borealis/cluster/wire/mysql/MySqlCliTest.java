package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The mysql (or mariadb) command-line client runs an SQL script file against the writer. */
class MySqlCliTest {

    @TempDir
    Path dir;

    private static Optional<Path> client() {
        for (String name : new String[] {"mariadb", "mysql"}) {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(entry, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void scriptFileRunsThroughTheCommandLineClient() throws Exception {
        Optional<Path> client = client();
        Assumptions.assumeTrue(client.isPresent(), "mysql client not installed");
        Path script = dir.resolve("script.sql");
        Files.writeString(script, String.join("\n",
                "CREATE DATABASE cli;",
                "USE cli;",
                "CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(50)) ENGINE=InnoDB;",
                "INSERT INTO notes (body) VALUES (\"double\"), ('single');",
                "START TRANSACTION; INSERT INTO notes (body) VALUES ('gone'); ROLLBACK;",
                "SELECT CONCAT('rows=', COUNT(*)) FROM notes;",
                "SELECT @@aurora_server_id;", ""));
        try (Cluster cluster = Cluster.builder().engine(Engine.MYSQL).name("cli").start();
             TestServer server = new TestServer(cluster, null)) {
            List<String> command = new ArrayList<>(List.of(client.get().toString(), "--protocol=TCP", "-h", "127.0.0.1",
                    "-P", String.valueOf(server.port(cluster.writer().id())), "-u", "admin", "-padmin", "--batch",
                    "--skip-column-names"));
            if (client.get().getFileName().toString().equals("mariadb")) {
                command.add("--skip-ssl");
                command.add("--default-auth=mysql_native_password");
            } else {
                command.add("--ssl-mode=DISABLED");
                command.add("--get-server-public-key");
            }
            Process p = new ProcessBuilder(command).redirectInput(script.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.txt").toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("out.txt"));
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("rows=2").contains(cluster.writer().id());
        }
    }
}
