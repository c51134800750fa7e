package dev.borealis.cluster.server.admin;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import dev.borealis.cluster.InstanceState;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.EchoProtocol;
import dev.borealis.cluster.server.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Issue 12: the admin API was open to any local process and to browsers, and two slow clients stalled it. */
class AdminSecurityTest {

    /** Every route, with a body where the route takes one. */
    private static final List<String[]> ROUTES = List.of(
            new String[]{"GET", "/cluster", null},
            new String[]{"POST", "/failover", "{}"},
            new String[]{"POST", "/instances", "{}"},
            new String[]{"DELETE", "/instances/READER", null},
            new String[]{"POST", "/instances/READER/crash", null},
            new String[]{"POST", "/instances/READER/restart", null},
            new String[]{"POST", "/instances/READER/lag", "{\"ms\":9}"},
            new String[]{"POST", "/instances/READER/network", "{\"mode\":\"blackhole\"}"},
            new String[]{"POST", "/storage/azs/az1/fail", null},
            new String[]{"POST", "/storage/azs/az1/recover", null},
            new String[]{"POST", "/users/mallory/password", "{\"password\":\"pwned-pwned\"}"},
            new String[]{"POST", "/users/mallory/iam", null},
            new String[]{"GET", "/nowhere", null});

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> slowClients = new ArrayList<>();
    private String name;
    private Cluster cluster;
    private ClusterServer server;
    private AdminServer admin;

    private void start(AdminOptions options) throws IOException {
        name = "sec" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        cluster = Cluster.builder().engine(Engine.MYSQL).name(name).readers(1)
                .failoverDelay(Duration.ofMillis(100)).rebootDelay(Duration.ofMillis(100)).start();
        server = ClusterServer.start(cluster, ServerOptions.defaults().withPort(0)
                .withProtocol(new EchoProtocol(Engine.MYSQL)).withDnsDelay(Duration.ofMillis(100)));
        admin = AdminServer.start(server, options);
    }

    private void start() throws IOException {
        start(AdminOptions.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : slowClients) {
            socket.close();
        }
        if (admin != null) {
            admin.close();
            server.close();
            cluster.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("borealis-" + name + "-"))) {
            assertThat(System.nanoTime()).as("threads of " + name + " ended").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void everyRouteAnswers401WithABearerChallengeWithoutAToken() throws Exception {
        start();
        String reader = cluster.topology().readers().get(0).id();
        for (String[] route : ROUTES) {
            HttpResponse<String> response = send(route[0], route[1].replace("READER", reader), route[2], null, Map.of());
            assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
            assertThat(Json.parse(response.body())).asString().contains("error").contains("Authorization");
        }
        assertThat(cluster.topology().instance(reader).orElseThrow().state()).isEqualTo(InstanceState.AVAILABLE);
        assertThat(cluster.users().password("mallory")).isEmpty();
        assertThat(cluster.storage().segmentsUp()).isEqualTo(6);
    }

    @Test
    void aWrongTokenOrSchemeIs401AndNeverEchoed() throws Exception {
        start();
        String wrong = AdminToken.generate().value();
        for (String authorization : List.of("Bearer " + wrong, "Bearer " + admin.token().value() + "x",
                "Bearer " + admin.token().value().substring(1), "Basic " + admin.token().value(), "Bearer", "Bearer ")) {
            HttpResponse<String> response = send("POST", "/users/mallory/password", "{\"password\":\"pwned-pwned\"}",
                    authorization, Map.of());
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.body()).doesNotContain(wrong).doesNotContain(admin.token().value());
        }
        assertThat(cluster.users().password("mallory")).isEmpty();
        assertThat(send("GET", "/cluster", null, "bearer " + admin.token().value(), Map.of()).statusCode())
                .as("the scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void aCrossOriginTextPlainPostIsRefusedAndCrashesNothing() throws Exception {
        start();
        String reader = cluster.topology().readers().get(0).id();
        Map<String, String> csrf = Map.of("Origin", "http://evil.example", "Content-Type", "text/plain");
        for (String authorization : new String[]{null, admin.token().bearer()}) {
            HttpResponse<String> response = send("POST", "/instances/" + reader + "/crash", "x", authorization, csrf);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("cross-origin").contains("evil.example");
        }
        HttpResponse<String> plain = send("POST", "/instances/" + reader + "/crash", "{}", admin.token().bearer(),
                Map.of("Content-Type", "text/plain"));
        assertThat(plain.statusCode()).as("a same-origin text/plain body").isEqualTo(415);
        HttpResponse<String> form = send("POST", "/instances/" + reader + "/crash", "a=b", admin.token().bearer(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(send("POST", "/instances/" + reader + "/crash", null, admin.token().bearer(),
                Map.of("Origin", "null")).statusCode()).as("an opaque origin").isEqualTo(403);
        assertThat(cluster.topology().instance(reader).orElseThrow().state()).isEqualTo(InstanceState.AVAILABLE);

        HttpResponse<String> sameOrigin = send("GET", "/cluster", null, admin.token().bearer(),
                Map.of("Origin", "http://127.0.0.1:" + admin.url().getPort()));
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
    }

    @Test
    void aHostOtherThanTheListenersIsRefused() throws Exception {
        start();
        int port = admin.url().getPort();
        for (String host : List.of("evil.example:" + port, server.names().clusterHost() + ":" + port,
                "127.0.0.1:" + (port == 65535 ? 1 : port + 1), "127.0.0.1")) {
            String response = raw("GET /cluster HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: "
                    + admin.token().bearer() + "\r\n\r\n");
            assertThat(response).as(host).startsWith("HTTP/1.1 421 ").contains("is not this listener");
        }
        assertThat(raw("GET /cluster HTTP/1.1\r\nAuthorization: " + admin.token().bearer() + "\r\n\r\n"))
                .as("no Host").startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /cluster HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: "
                + admin.token().bearer() + "\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void malformedRequestsGetAnErrorAndTheApiKeepsServing() throws Exception {
        start();
        String auth = "Authorization: " + admin.token().bearer() + "\r\n";
        String host = "Host: 127.0.0.1:" + admin.url().getPort() + "\r\n";
        assertThat(raw("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /cluster HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        assertThat(raw("POST /failover HTTP/1.1\r\n" + host + auth + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 411 ");
        assertThat(raw("POST /failover HTTP/1.1\r\n" + host + auth + "Content-Length: 99999999\r\n\r\n"))
                .startsWith("HTTP/1.1 413 ");
        assertThat(raw("GET /cluster HTTP/1.1\r\n" + host + host + auth + "\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /cluster HTTP/1.1\r\n" + host + auth + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
        assertThat(raw("GET http://evil.example/cluster HTTP/1.1\r\n" + host + auth + "\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(send("GET", "/cluster", null, admin.token().bearer(), Map.of()).statusCode()).isEqualTo(200);
    }

    /** Seeded: mutations of a valid request (bytes flipped, cut, repeated) each get an answer or a close, never a hang. */
    @Test
    void mutatedRequestsNeverHangOrBreakTheApi() throws Exception {
        start(AdminOptions.defaults().withRequestTimeout(Duration.ofMillis(400)));
        String valid = "POST /instances/" + cluster.topology().readers().get(0).id() + "/lag HTTP/1.1\r\nHost: 127.0.0.1:"
                + admin.url().getPort() + "\r\nAuthorization: " + admin.token().bearer()
                + "\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"ms\": 42}";
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 150; i++) {
            byte[] bytes = valid.getBytes(StandardCharsets.ISO_8859_1);
            int cut = 1 + random.nextInt(bytes.length);
            bytes = java.util.Arrays.copyOf(bytes, random.nextBoolean() ? cut : bytes.length);
            for (int flips = random.nextInt(4); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            String answer = raw(new String(bytes, StandardCharsets.ISO_8859_1));
            assertThat(answer).as("mutation " + i).matches(a -> a.isEmpty() || a.startsWith("HTTP/1.1 "), "empty or HTTP");
            assertThat(answer).doesNotContain(admin.token().value());
        }
        assertThat(send("GET", "/cluster", null, admin.token().bearer(), Map.of()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} slow clients")
    @ValueSource(ints = {2, 20, 200})
    void clientsHoldingPartialHeadersDoNotDelayGetCluster(int slow) throws Exception {
        start();
        holdPartialHeaders(slow);
        awaitOpenConnections(slow);
        long started = System.nanoTime();
        HttpResponse<String> response = send("GET", "/cluster", null, admin.token().bearer(), Map.of());
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ms).as("GET /cluster with " + slow + " slow clients took " + ms + " ms").isLessThan(2_000);
    }

    @Test
    void aClientHoldingPartialHeadersIsCutAfterTheRequestTimeout() throws Exception {
        start(AdminOptions.defaults().withRequestTimeout(Duration.ofMillis(300)));
        Socket slow = holdPartialHeaders(1).get(0);
        long started = System.nanoTime();
        String answer = readAll(slow, Duration.ofSeconds(10));
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(answer).startsWith("HTTP/1.1 408 ").contains("300 ms");
        assertThat(ms).as("cut after " + ms + " ms").isLessThan(3_000);
    }

    @Test
    void aConnectionBeyondTheLimitGets503AtOnceAndTheApiServesAgainWhenTheSlowClientsAreCut() throws Exception {
        start(AdminOptions.defaults().withMaxConnections(2).withRequestTimeout(Duration.ofMillis(500)));
        holdPartialHeaders(2);
        awaitOpenConnections(2);
        HttpResponse<String> busy = send("GET", "/cluster", null, admin.token().bearer(), Map.of());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("1");
        assertThat(busy.body()).contains("busy").contains("2 connections");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        while ((status = send("GET", "/cluster", null, admin.token().bearer(), Map.of()).statusCode()) != 200) {
            assertThat(status).isEqualTo(503);
            assertThat(System.nanoTime()).as("served again after the slow clients' timeout").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void theTokenFileIsOwnerOnlyHoldsTheTokenAndIsDeletedOnClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("admin.token");
        start(AdminOptions.defaults().withTokenFile(file));
        assertThat(admin.tokenFile()).isEqualTo(file.toAbsolutePath());
        assertThat(Files.readString(file).strip()).isEqualTo(admin.token().value());
        assumeThat(Files.getFileStore(file).supportsFileAttributeView("posix")).as("POSIX file system").isTrue();
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        admin.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void theDefaultTokenFileLivesNextToTheHostsFile() throws Exception {
        start();
        assertThat(admin.tokenFile().getParent()).isEqualTo(server.hostsFile().toAbsolutePath().getParent());
        assertThat(admin.tokenFile().getFileName().toString()).startsWith("borealis-" + name + "-").endsWith(".admin-token");
        assertThat(Files.readString(admin.tokenFile()).strip()).isEqualTo(admin.token().value());
    }

    @Test
    void generatedTokensAreLongRandomAndUrlSafe() {
        AdminToken a = AdminToken.generate();
        AdminToken b = AdminToken.generate();
        assertThat(a.value()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.value());
        assertThat(a.matches(a.value())).isTrue();
        assertThat(a.matches(b.value())).isFalse();
        assertThat(a.matches(null)).isFalse();
    }

    @Test
    void aGivenTokenIsRequiredAndAShortOneIsRefusedWithoutBeingRepeated() throws Exception {
        String chosen = "my-own-admin-token-of-32-chars-x";
        start(AdminOptions.defaults().withToken(AdminToken.of(chosen)));
        assertThat(send("GET", "/cluster", null, "Bearer " + chosen, Map.of()).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> AdminToken.of("short-secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 characters").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> AdminToken.of("a token with spaces in it!!")).hasMessageNotContaining("spaces");
    }

    @Test
    void theTokenIsInNoLogRecordAndNoToString() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.borealis");
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            AdminToken token = AdminToken.of("given-token-0123456789-abcdefghij");
            start(AdminOptions.defaults().withToken(token));
            send("GET", "/cluster", null, token.bearer(), Map.of());
            send("GET", "/cluster", null, "Bearer " + token.value() + "-wrong", Map.of());
            send("POST", "/nowhere", "{}", token.bearer(), Map.of());
            raw("GET /cluster HTTP/1.1\r\nHost: 127.0.0.1:" + admin.url().getPort() + "\r\nAuthorization: "
                    + token.bearer() + "\r\nX-Bad header\r\n\r\n");
            for (Object o : List.of(token, admin, AdminOptions.defaults().withToken(token))) {
                assertThat(o.toString()).doesNotContain(token.value());
            }
            admin.close();
            for (LogRecord record : records) {
                String text = record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " "
                        + (record.getThrown() == null ? "" : record.getThrown().toString());
                assertThat(text).doesNotContain(token.value());
            }
            assertThat(records).as("the admin API logged its start").isNotEmpty();
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse<String> send(String method, String path, String body, String authorization,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(admin.url().resolve(URI.create(path.substring(1))))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} as is on a new connection, ends the sending side, and returns everything the server answers. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), admin.url().getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return readAll(socket, Duration.ofSeconds(10));
        }
    }

    private static String readAll(Socket socket, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            assertThat(left).as("the server answered and closed within " + timeout.toMillis() + " ms").isPositive();
            socket.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Connections that send half a request line and headers, then nothing. */
    private List<Socket> holdPartialHeaders(int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), admin.url().getPort());
            slowClients.add(socket);
            sockets.add(socket);
            socket.getOutputStream().write("GET /cluster HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        return sockets;
    }

    /** Until the listener has accepted {@code count} connections. */
    private void awaitOpenConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admin.openConnections() < count) {
            assertThat(System.nanoTime()).as(count + " connections open").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
