package dev.borealis.cluster.cli;

import dev.borealis.cluster.server.EchoProtocol;
import dev.borealis.cluster.server.admin.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ClusterMain main, String... args) {
        return main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static ClusterMain main() {
        return new ClusterMain(EchoProtocol::new);
    }

    @Test
    @SuppressWarnings("unchecked")
    void printsOneReadyLineWithTheEndpointsAndStopsCleanly(@TempDir Path dir) throws Exception {
        String name = "cli" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        Path hosts = dir.resolve("hosts");
        ClusterMain main = main();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run(main, "--engine", "mysql",
                "--readers", "2", "--name", name, "--port", "0", "--admin-port=0", "--user", "app", "--password",
                "hunter2-secret", "--hosts-file", hosts.toString(), "--dns-delay-ms", "300", "--replica-lag-ms", "10"));
        try {
            String ready = awaitReadyLine();
            Map<String, Object> json = (Map<String, Object>) Json.parse(ready.substring("READY ".length()));
            assertThat(json).containsEntry("name", name).containsEntry("engine", "mysql").containsEntry("user", "app")
                    .containsEntry("hostsFile", hosts.toAbsolutePath().toString());
            assertThat(ready).doesNotContain("hunter2-secret");
            Map<String, Object> cluster = (Map<String, Object>) json.get("clusterEndpoint");
            assertThat(cluster).containsKeys("host", "ip", "port");
            assertThat(cluster.get("host").toString()).startsWith(name + ".cluster-");
            assertThat(((Map<String, Object>) json.get("readerEndpoint")).get("host").toString()).startsWith(name + ".cluster-ro-");
            List<Map<String, Object>> instances = (List<Map<String, Object>>) json.get("instances");
            assertThat(instances).hasSize(3);
            assertThat(instances.get(0)).containsKeys("id", "host", "ip", "port", "tier").containsEntry("role", "writer");
            assertThat(Files.readString(hosts)).contains(cluster.get("host").toString());

            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(cluster.get("ip").toString(), ((Long) cluster.get("port")).intValue()), 5_000);
                socket.setSoTimeout(5_000);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertThat(greeting).startsWith("hello " + instances.get(0).get("id"));
            }
            URI clusterUri = URI.create(json.get("adminUrl").toString()).resolve("cluster");
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(clusterUri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("no token").isEqualTo(401);
            String token = json.get("adminToken").toString();
            HttpResponse<String> topology = HttpClient.newHttpClient().send(HttpRequest.newBuilder(clusterUri)
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(topology.statusCode()).isEqualTo(200);
            Path tokenFile = Path.of(json.get("adminTokenFile").toString());
            assertThat(tokenFile.getParent()).isEqualTo(hosts.toAbsolutePath().getParent());
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(token);
            assertThat(json).as("a given password is never printed").doesNotContainKey("password");
            assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("READY ")).count()).isEqualTo(1);
        } finally {
            main.stop();
        }
        assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("borealis-" + name + "-"))) {
            assertThat(System.nanoTime()).as("threads of " + name + " ended").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(Files.readString(hosts)).doesNotContain(name);
        Map<String, Object> printed = (Map<String, Object>) Json.parse(awaitReadyLine().substring("READY ".length()));
        assertThat(Path.of(printed.get("adminTokenFile").toString())).as("the token file is deleted on stop").doesNotExist();
    }

    private String awaitReadyLine() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String ready = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("READY ")).findFirst().orElse(null);
            if (ready != null) {
                return ready;
            }
            assertThat(System.nanoTime()).as("READY line printed; stderr: " + err.toString(StandardCharsets.UTF_8)).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAPasswordTheCliGeneratesOnePrintsItOnceAndItLogsIn() throws Exception {
        Map<String, Object> ready = serveRealPostgres(Map.of(), "--engine", "postgresql");
        try {
            String password = ready.get("password").toString();
            assertThat(password).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo("admin");
            assertThat(selectOne(ready, "admin", password)).isEqualTo(1);
            assertThatThrownBy(() -> selectOne(ready, "admin", "admin")).as("no admin/admin default")
                    .isInstanceOf(java.sql.SQLException.class);
            String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(printed.split(java.util.regex.Pattern.quote(password), -1)).as("printed once").hasSize(2);
        } finally {
            stopRealPostgres();
        }
    }

    @Test
    void aPasswordFileIsReadAndThePasswordIsNeitherPrintedNorInTheArguments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "from-a-file-Secret#1\n");
        String[] args = {"--engine", "postgresql", "--password-file", file.toString()};
        Map<String, Object> ready = serveRealPostgres(Map.of(), args);
        try {
            assertThat(selectOne(ready, "admin", "from-a-file-Secret#1")).isEqualTo(1);
            assertThat(ready).doesNotContainKey("password");
            assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                    .doesNotContain("from-a-file-Secret#1");
            assertThat(String.join(" ", args)).as("what ps would show").doesNotContain("from-a-file-Secret#1");
        } finally {
            stopRealPostgres();
        }
    }

    @Test
    void thePasswordAndTheAdminTokenCanComeFromTheEnvironment() throws Exception {
        String token = "env-admin-token-0123456789abcdef";
        Map<String, Object> ready = serveRealPostgres(Map.of("BOREALIS_PASSWORD", "from-the-env-Secret",
                "BOREALIS_ADMIN_TOKEN", token), "--engine", "postgresql", "--user", "app");
        try {
            assertThat(selectOne(ready, "app", "from-the-env-Secret")).isEqualTo(1);
            assertThat(ready).containsEntry("adminToken", token).doesNotContainKey("password");
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("from-the-env-Secret");
        } finally {
            stopRealPostgres();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminTokenAndItsFileCanBeChosen(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("token");
        String token = "flag-admin-token-0123456789abcdef";
        ClusterMain main = main();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run(main, "--engine", "mysql",
                "--readers", "0", "--port", "0", "--name", "tok" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36),
                "--admin-token", token, "--admin-token-file", tokenFile.toString(), "--admin-request-timeout-ms", "800"));
        try {
            Map<String, Object> json = (Map<String, Object>) Json.parse(awaitReadyLine().substring("READY ".length()));
            assertThat(json).containsEntry("adminToken", token).containsEntry("adminTokenFile", tokenFile.toAbsolutePath().toString());
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(token);
            if (Files.getFileStore(tokenFile).supportsFileAttributeView("posix")) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
                        .isEqualTo("rw-------");
            }
        } finally {
            main.stop();
        }
        assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(tokenFile).doesNotExist();
    }

    private ClusterMain realMain;
    private CompletableFuture<Integer> realStatus;

    /** A CLI cluster with the real PostgreSQL wire protocol and no readers, so a real driver can log in. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> serveRealPostgres(Map<String, String> env, String... args) throws Exception {
        realMain = new ClusterMain(dev.borealis.cluster.server.WireProtocols::find, env::get);
        String name = "pw" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--readers", "0", "--port", "0", "--name", name));
        realStatus = CompletableFuture.supplyAsync(() -> run(realMain, all.toArray(String[]::new)));
        return (Map<String, Object>) Json.parse(awaitReadyLine().substring("READY ".length()));
    }

    private void stopRealPostgres() throws Exception {
        realMain.stop();
        assertThat(realStatus.get(30, TimeUnit.SECONDS)).isZero();
    }

    @SuppressWarnings("unchecked")
    private static int selectOne(Map<String, Object> ready, String user, String password) throws java.sql.SQLException {
        Map<String, Object> endpoint = (Map<String, Object>) ready.get("clusterEndpoint");
        String url = "jdbc:postgresql://" + endpoint.get("ip") + ":" + endpoint.get("port") + "/postgres?sslmode=disable";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password);
             java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void helpDocumentsEveryFlagAndExitsZero() {
        assertThat(run(main(), "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        for (String flag : List.of("--engine", "--readers", "--name", "--port", "--admin-port", "--user", "--password",
                "--password-file", "--admin-token", "--admin-token-file", "--admin-request-timeout-ms", "--hosts-file", "--replica-lag-ms", "--failover-delay-ms", "--dns-delay-ms", "--custom-endpoint", "--help")) {
            assertThat(help).contains(flag);
        }
    }

    @Test
    void badFlagsExitTwoNamingTheFlag() {
        assertThat(run(main(), "--engine", "mysql", "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bogus");
        err.reset();
        assertThat(run(main(), "--engine", "oracle")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--engine").contains("oracle");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--readers", "99")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--readers: 99 is out of range 0..15");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--port", "http")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port").contains("not a number");
        err.reset();
        assertThat(run(main(), "--readers", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--engine: required");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--name", "Bad_Name")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--name");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--password", "a", "--password-file", "/p")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--password and --password-file");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--password-file", "/no/such/password-file")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--password-file: cannot read /no/such/password-file");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--admin-token", "short-secret")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--admin-token").contains("22..512")
                .doesNotContain("short-secret");
        err.reset();
        assertThat(run(main(), "--engine")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--engine: a value is required");
    }

    @Test
    @SuppressWarnings("unchecked")
    void customEndpointsGivenOnTheCommandLineAreServedAndPrinted(@TempDir Path dir) throws Exception {
        String name = "clicep" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        Path hosts = dir.resolve("hosts");
        ClusterMain main = main();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> run(main, "--engine", "mysql",
                "--readers", "2", "--name", name, "--port", "0", "--password", "pw", "--hosts-file", hosts.toString(),
                "--custom-endpoint", "reads:READER:" + name + "-instance-2", "--custom-endpoint", "rest:any:!" + name + "-instance-2"));
        try {
            Map<String, Object> json = (Map<String, Object>) Json.parse(awaitReadyLine().substring("READY ".length()));
            Map<String, Object> custom = (Map<String, Object>) json.get("customEndpoints");
            assertThat(custom).containsOnlyKeys("reads", "rest");
            String host = ((Map<String, Object>) custom.get("reads")).get("host").toString();
            assertThat(host).startsWith("reads.cluster-custom-");
            Map<String, Object> reader = ((List<Map<String, Object>>) json.get("instances")).get(1);
            assertThat(reader).containsEntry("id", name + "-instance-2");
            assertThat(((Map<String, Object>) custom.get("reads")).get("ip")).isEqualTo(reader.get("ip"));
            assertThat(Files.readString(hosts)).contains(reader.get("ip") + " " + host);
        } finally {
            main.stop();
        }
        assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void badCustomEndpointFlagsNameTheProblem() {
        assertThat(run(main(), "--engine", "mysql", "--custom-endpoint", "reads")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--custom-endpoint").contains("NAME:TYPE");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--custom-endpoint", "reads:WRITER")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected READER or ANY");
        err.reset();
        assertThat(run(main(), "--engine", "mysql", "--name", "cepbad", "--port", "0", "--password", "pw",
                "--custom-endpoint", "reads:READER:nope")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("custom endpoint 'reads'").contains("no instance 'nope'");
    }

    @Test
    void iamModeWithoutCredentialsInTheEnvironmentExitsOneNamingThem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null,
                "AWS credentials are set in this environment");
        assertThat(run(main(), "--engine", "mysql", "--name", "iamcli", "--port", "0", "--iam-user", "app")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--iam-user").contains("AWS_ACCESS_KEY_ID");
    }

    @Test
    void aClusterThatCannotStartExitsOne() {
        ClusterMain main = new ClusterMain(engine -> {
            throw new IllegalStateException("no wire protocol for " + engine.displayName());
        });
        assertThat(run(main, "--engine", "postgresql", "--name", "nowire")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no wire protocol for PostgreSQL");
    }
}
