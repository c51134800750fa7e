package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** caching_sha2_password: full authentication over TLS or RSA, then the fast path from the server's cache. */
class AuthenticationTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static Cluster cluster;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.builder().engine(Engine.MYSQL).name("auth").user("alice", "wonder land")
                .user("bob", "builder").user("carol", "c4rol").start();
        server = new TestServer(cluster, tlsContext());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A self-signed server certificate made with the JDK's keytool, as the network layer would supply one. */
    private static SSLContext tlsContext() throws Exception {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static Connection connect(String user, String password, String options) throws SQLException {
        return DriverManager.getConnection(server.url(cluster.writer().id(), "", options), user, password);
    }

    private static byte[] sha2Login(String user, String password) throws Exception {
        byte[][] answer = new byte[1][];
        try (RawMySqlClient raw = RawMySqlClient.login(server.port(cluster.writer().id()), user, password,
                Protocol.CACHING_SHA2, answer)) {
            return answer[0];
        }
    }

    @Test
    void fullAuthenticationOverTlsThenFastPath() throws Exception {
        assertThat(sha2Login("alice", "wonder land")).containsExactly(0x01, 0x04); // not cached: full auth needed
        try (Connection c = connect("alice", "wonder land", "sslMode=REQUIRED");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'Ssl_cipher'")) {
            rs.next();
            assertThat(rs.getString(2)).isNotEmpty();
        }
        assertThat(sha2Login("alice", "wonder land")).containsExactly(0x01, 0x03); // fast_auth_success
    }

    @Test
    void fullAuthenticationWithRsaPublicKeyWithoutTls() throws Exception {
        try (Connection c = connect("bob", "builder", "sslMode=DISABLED&allowPublicKeyRetrieval=true");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CURRENT_USER() IS NOT NULL")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(sha2Login("bob", "builder")).containsExactly(0x01, 0x03);
        assertThat(sha2Login("bob", "wrong")[0] & 0xFF).isEqualTo(0xFF);
    }

    @Test
    void rotatedPasswordInvalidatesTheCachedOne() throws Exception {
        try (Connection c = connect("carol", "c4rol", "sslMode=REQUIRED")) {
            assertThat(c.isValid(5)).isTrue();
        }
        cluster.users().setPassword("carol", "n3w");
        assertThatThrownBy(() -> connect("carol", "c4rol", "sslMode=REQUIRED"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
        try (Connection c = connect("carol", "n3w", "sslMode=REQUIRED")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
