package dev.borealis.cluster.wire.mysql;

import dev.borealis.cluster.auth.IamAuthException;
import dev.borealis.cluster.wire.AuthThrottle;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.ReadTimer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * The connection phase. States: GREETING_SENT → (SSL_REQUEST → TLS) → RESPONSE_READ → (AUTH_SWITCH)
 * → FAST_AUTH | FULL_AUTH (cleartext over TLS, or RSA: PUBLIC_KEY_SENT → ENCRYPTED_PASSWORD) →
 * AUTHENTICATED | DENIED. mysql_native_password is checked directly; caching_sha2_password takes the
 * fast path only for users whose password this server has verified in full before, as mysqld does. An IAM user
 * (RDS's AWSAuthenticationPlugin) is switched to mysql_clear_password and sends its token; only over TLS.
 * After repeated failures from one address, its next attempts wait before the check ({@link AuthThrottle}).
 */
final class Handshake {

    private static final Logger LOG = Logger.getLogger(Handshake.class.getName());

    /** The outcome of a successful handshake. */
    record Accepted(String user, String database, int capabilities) {
    }

    private final ClientConnection client;
    private final PacketChannel channel;
    private final ServerState state;
    private final ReadTimer timer;
    private final AuthThrottle throttle;
    private final byte[] scramble = Scrambles.newScramble();

    Handshake(ClientConnection client, PacketChannel channel, ServerState state, ReadTimer timer, AuthThrottle throttle) {
        this.client = client;
        this.channel = channel;
        this.state = state;
        this.timer = timer;
        this.throttle = throttle;
    }

    /** Runs the exchange; null when the client went away or was refused (the ERR is already sent). */
    Accepted run() throws IOException {
        channel.write(greeting());
        channel.flush();
        byte[] packet = channel.read();
        if (packet == null) {
            return null;
        }
        PayloadReader r = new PayloadReader(packet);
        int caps = (int) r.int4();
        if ((caps & Protocol.CLIENT_PROTOCOL_41) == 0) {
            return deny(new MySqlError(1251, "08004", "Client does not support authentication protocol requested by"
                    + " server; consider upgrading MySQL client"));
        }
        if (packet.length == 32 && (caps & Protocol.CLIENT_SSL) != 0) {
            if (!client.tlsAvailable()) {
                return deny(new MySqlError(2026, "HY000", "SSL connection error: the server has no certificate"));
            }
            client.startTls();
            channel.rebind(timer.wrap(client.input()), client.output());
            packet = channel.read();
            if (packet == null) {
                return null;
            }
            r = new PayloadReader(packet);
            caps = (int) r.int4();
        }
        r.int4(); // max packet size
        r.int1(); // character set: every text is exchanged as utf8mb4
        r.skip(23);
        String user = r.nulString();
        byte[] response = authResponse(r, caps);
        String database = (caps & Protocol.CLIENT_CONNECT_WITH_DB) != 0 && r.remaining() > 0 ? r.nulOrRestString() : null;
        String plugin = (caps & Protocol.CLIENT_PLUGIN_AUTH) != 0 && r.remaining() > 0 ? r.nulOrRestString() : Protocol.NATIVE;
        if (client.cluster().users().isIamUser(user) && !client.isTls()) {
            MySqlError denied = accessDenied(user, true);
            return deny(new MySqlError(denied.code(), denied.sqlState(), denied.message()
                    + "; IAM authentication requires an SSL connection"));
        }
        throttle.await(client.remoteAddress(), client::isClosed);
        boolean ok = client.cluster().users().isIamUser(user) ? iam(user, plugin, response)
                : authenticate(user, plugin, response);
        if (!ok) {
            throttle.failed(client.remoteAddress());
            return deny(accessDenied(user, response.length > 0));
        }
        throttle.succeeded(client.remoteAddress());
        channel.write(Messages.ok(0, 0, Protocol.SERVER_STATUS_AUTOCOMMIT, 0, null));
        channel.flush();
        return new Accepted(user, database == null || database.isEmpty() ? null : database, caps);
    }

    private static byte[] authResponse(PayloadReader r, int caps) throws MalformedPacketException {
        if ((caps & Protocol.CLIENT_PLUGIN_AUTH_LENENC_DATA) != 0) {
            byte[] b = r.lenencBytes();
            return b == null ? new byte[0] : b;
        }
        if ((caps & Protocol.CLIENT_SECURE_CONNECTION) != 0) {
            return r.bytes(r.int1());
        }
        return r.nulBytes();
    }

    private byte[] greeting() {
        int caps = Protocol.SERVER_CAPABILITIES | (client.tlsAvailable() ? Protocol.CLIENT_SSL : 0);
        return new PayloadWriter(96).int1(10).nulString(Protocol.SERVER_VERSION).int4(client.connectionId())
                .bytes(scramble, 0, 8).int1(0).int2(caps & 0xFFFF).int1(Protocol.UTF8MB4_0900_AI_CI)
                .int2(Protocol.SERVER_STATUS_AUTOCOMMIT).int2(caps >>> 16).int1(scramble.length + 1).zeros(10)
                .bytes(scramble, 8, 12).int1(0).nulString(Protocol.CACHING_SHA2).toByteArray();
    }

    private boolean authenticate(String user, String plugin, byte[] response) throws IOException {
        String password = client.cluster().users().password(user).orElse(null);
        if (Protocol.NATIVE.equals(plugin)) {
            byte[] nativeResponse = response;
            if (response.length == 0 && password != null && !password.isEmpty()) {
                // libmariadb answers an announced caching_sha2_password with an empty native response and
                // waits to be asked again for its own plugin, as mysqld then does
                nativeResponse = switchTo(Protocol.NATIVE);
            }
            return nativeResponse != null && password != null && Scrambles.nativeMatches(password, scramble, nativeResponse);
        }
        byte[] sha2Response = response;
        if (!Protocol.CACHING_SHA2.equals(plugin)) {
            sha2Response = switchTo(Protocol.CACHING_SHA2);
            if (sha2Response == null) {
                return false;
            }
        }
        return sha2(user, password, sha2Response);
    }

    /** Verifies the IAM token the client sends in clear text (over TLS, checked by the caller). */
    private boolean iam(String user, String plugin, byte[] response) throws IOException {
        byte[] cleartext = Protocol.CLEAR_PASSWORD.equals(plugin) ? response : switchTo(Protocol.CLEAR_PASSWORD);
        if (cleartext == null) {
            return false;
        }
        int length = cleartext.length > 0 && cleartext[cleartext.length - 1] == 0 ? cleartext.length - 1 : cleartext.length;
        String token = new String(cleartext, 0, length, StandardCharsets.UTF_8);
        Arrays.fill(cleartext, (byte) 0);
        try {
            client.cluster().users().iam().orElseThrow().verify(token, user, client.endpointNames(), client.localPort());
            return true;
        } catch (IamAuthException e) {
            LOG.info(() -> "connection " + client.connectionId() + ": IAM token refused for user '" + user + "': "
                    + e.getMessage());
            return false;
        }
    }

    /** AuthSwitchRequest: the client answers the same scramble with the named plugin. */
    private byte[] switchTo(String plugin) throws IOException {
        channel.write(new PayloadWriter(48).int1(0xFE).nulString(plugin).bytes(scramble).int1(0).toByteArray());
        channel.flush();
        return channel.read();
    }

    private boolean sha2(String user, String password, byte[] response) throws IOException {
        if (password != null && password.isEmpty() && response.length == 0) {
            return true;
        }
        if (password != null && response.length > 0 && state.cached(user, password)) {
            if (!Scrambles.sha2Matches(password, scramble, response)) {
                return false;
            }
            channel.write(new byte[] {0x01, 0x03}); // fast_auth_success
            return true;
        }
        channel.write(new byte[] {0x01, 0x04}); // perform_full_authentication
        channel.flush();
        byte[] cleartext = fullAuthentication();
        if (cleartext == null || password == null) {
            return false;
        }
        byte[] expected = password.getBytes(StandardCharsets.UTF_8);
        int length = cleartext.length > 0 && cleartext[cleartext.length - 1] == 0 ? cleartext.length - 1 : cleartext.length;
        boolean ok = MessageDigest.isEqual(expected, Arrays.copyOf(cleartext, length));
        Arrays.fill(cleartext, (byte) 0);
        if (ok) {
            state.remember(user, password);
        }
        return ok;
    }

    /** The password the client sends in full: in clear over TLS, else RSA-encrypted (XOR the scramble). */
    private byte[] fullAuthentication() throws IOException {
        byte[] packet = channel.read();
        if (packet == null) {
            return null;
        }
        if (client.isTls()) {
            return packet;
        }
        if (packet.length == 1 && packet[0] == 0x02) {
            channel.write(new PayloadWriter(512).int1(0x01).string(state.publicKeyPem()).toByteArray());
            channel.flush();
            packet = channel.read();
            if (packet == null) {
                return null;
            }
        }
        byte[] decrypted = state.rsaDecrypt(packet);
        return decrypted == null ? null : Scrambles.xor(decrypted, scramble);
    }

    private MySqlError accessDenied(String user, boolean usingPassword) {
        String host = client.remoteAddress();
        int colon = host == null ? -1 : host.lastIndexOf(':');
        host = colon > 0 ? host.substring(0, colon) : host;
        return new MySqlError(1045, "28000", "Access denied for user '" + user + "'@'" + host + "' (using password: "
                + (usingPassword ? "YES" : "NO") + ")");
    }

    private Accepted deny(MySqlError error) throws IOException {
        channel.write(Messages.err(error));
        channel.flush();
        return null;
    }
}
