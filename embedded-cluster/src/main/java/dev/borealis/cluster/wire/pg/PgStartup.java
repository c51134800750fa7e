package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.auth.IamAuthException;
import dev.borealis.cluster.wire.AuthThrottle;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.ReadTimer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The startup phase of a connection. States: AWAIT_STARTUP (SSLRequest / GSSENCRequest answered,
 * then a StartupMessage or a CancelRequest) → AUTHENTICATING (per {@link PgAuthMethod}) → done
 * (AuthenticationOk sent) or failed (FATAL sent). Returns the startup parameters, or empty when the
 * connection ends here (cancel request, client gone, authentication failed). An IAM user (RDS's rds_iam role) is
 * asked for a cleartext password, its token, and only over TLS (RDS's pg_hba has hostssl for rds_iam).
 * An instance at {@code max_connections} answers the StartupMessage with 53300; an address with repeated failed
 * logins waits before its next one is checked ({@link AuthThrottle}). The whole phase runs under the
 * {@code authentication_timeout} deadline of the {@link ReadTimer}.
 */
final class PgStartup {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(PgStartup.class.getName());

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final int PROTOCOL_3 = 196608;

    private final ClientConnection client;
    private final PgAuthMethod method;
    private final ReadTimer timer;
    private final AuthThrottle throttle;
    private final boolean full;
    private PgFrames frames;
    private PgOutput out;

    /** {@code full}: the instance has no connection slot left for this client. */
    PgStartup(ClientConnection client, PgAuthMethod method, ReadTimer timer, AuthThrottle throttle, boolean full)
            throws IOException {
        this.client = client;
        this.method = method;
        this.timer = timer;
        this.throttle = throttle;
        this.full = full;
        streams();
    }

    private void streams() throws IOException {
        frames = new PgFrames(timer.wrap(client.input()));
        out = new PgOutput(client.output());
    }

    PgFrames frames() {
        return frames;
    }

    PgOutput output() {
        return out;
    }

    Optional<Map<String, String>> run() throws IOException, PgProtocolException {
        while (true) {
            PgBody packet = frames.readStartup();
            if (packet == null) {
                return Optional.empty();
            }
            int code = packet.int32();
            if (code == SSL_REQUEST) {
                if (client.tlsAvailable() && !client.isTls()) {
                    out.rawByte('S');
                    client.startTls();
                    streams();
                } else {
                    out.rawByte('N');
                }
            } else if (code == GSSENC_REQUEST) {
                out.rawByte('N');
            } else if (code == CANCEL_REQUEST) {
                BackendKeys.cancel(packet.int32(), packet.int32());
                return Optional.empty();
            } else if (code == PROTOCOL_3 && full) {
                fatal("53300", "sorry, too many clients already");
                return Optional.empty();
            } else if (code == PROTOCOL_3) {
                return authenticate(parameters(packet));
            } else {
                fatal("08P01", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xffff)
                        + ": server supports 3.0 to 3.0");
                return Optional.empty();
            }
        }
    }

    private static Map<String, String> parameters(PgBody packet) throws PgProtocolException {
        Map<String, String> params = new LinkedHashMap<>();
        while (packet.remaining() > 1) {
            String name = packet.cstring();
            if (name.isEmpty()) {
                break;
            }
            params.put(name, packet.cstring());
        }
        return params;
    }

    private Optional<Map<String, String>> authenticate(Map<String, String> params) throws IOException, PgProtocolException {
        String user = params.get("user");
        if (user == null || user.isEmpty()) {
            fatal("28000", "no PostgreSQL user name specified in startup packet");
            return Optional.empty();
        }
        throttle.await(client.remoteAddress(), client::isClosed);
        Optional<Map<String, String>> accepted = check(user, params);
        if (accepted.isPresent()) {
            throttle.succeeded(client.remoteAddress());
        } else {
            throttle.failed(client.remoteAddress());
        }
        return accepted;
    }

    private Optional<Map<String, String>> check(String user, Map<String, String> params) throws IOException,
            PgProtocolException {
        if (client.cluster().users().isIamUser(user)) {
            return iam(user, params);
        }
        Optional<String> password = client.cluster().users().password(user);
        boolean ok;
        switch (method) {
            case TRUST: ok = password.isPresent(); break;
            case PASSWORD: ok = cleartext(password); break;
            case MD5: ok = md5(user, password); break;
            default: ok = scram(password); break;
        }
        if (!ok) {
            fatal("28P01", "password authentication failed for user \"" + user + "\"");
            return Optional.empty();
        }
        out.authentication(0, null);
        return Optional.of(params);
    }

    private Optional<Map<String, String>> iam(String user, Map<String, String> params) throws IOException, PgProtocolException {
        if (!client.isTls()) {
            String host = client.remoteAddress();
            int colon = host.lastIndexOf(':');
            fatal("28000", "pg_hba.conf rejects connection for host \"" + (colon > 0 ? host.substring(0, colon) : host)
                    + "\", user \"" + user + "\", database \"" + params.getOrDefault("database", user)
                    + "\", no encryption (IAM authentication requires SSL)");
            return Optional.empty();
        }
        out.authentication(3, null);
        String token = passwordMessage().cstring();
        try {
            client.cluster().users().iam().orElseThrow().verify(token, user, client.endpointNames(), client.localPort());
        } catch (IamAuthException e) {
            LOG.info(() -> "connection " + client.connectionId() + ": IAM token refused for user \"" + user + "\": "
                    + e.getMessage());
            fatal("28P01", "PAM authentication failed for user \"" + user + "\"");
            return Optional.empty();
        }
        out.authentication(0, null);
        return Optional.of(params);
    }

    private boolean cleartext(Optional<String> password) throws IOException, PgProtocolException {
        out.authentication(3, null);
        PgBody reply = passwordMessage();
        String given = reply.cstring();
        return password.isPresent() && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                password.get().getBytes(StandardCharsets.UTF_8));
    }

    private boolean md5(String user, Optional<String> password) throws IOException, PgProtocolException {
        byte[] salt = new byte[4];
        new SecureRandom().nextBytes(salt);
        out.authentication(5, salt);
        String given = passwordMessage().cstring();
        if (password.isEmpty()) {
            return false;
        }
        String inner = md5Hex((password.get() + user).getBytes(StandardCharsets.UTF_8));
        byte[] outerInput = new byte[inner.length() + 4];
        System.arraycopy(inner.getBytes(StandardCharsets.US_ASCII), 0, outerInput, 0, inner.length());
        System.arraycopy(salt, 0, outerInput, inner.length(), 4);
        String expected = "md5" + md5Hex(outerInput);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }

    private boolean scram(Optional<String> password) throws IOException, PgProtocolException {
        byte[] mechanisms = (ScramServer.MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII);
        out.authentication(10, mechanisms);
        PgBody initial = passwordMessage();
        String mechanism = initial.cstring();
        if (!ScramServer.MECHANISM.equals(mechanism)) {
            throw new PgProtocolException("SASL authentication mechanism '" + mechanism + "' is not supported");
        }
        int length = initial.int32();
        String clientFirst = new String(initial.bytes(length), StandardCharsets.UTF_8);
        // an unknown user still gets a full exchange, so a client cannot probe which users exist
        ScramServer scram = new ScramServer(password.orElse("\u0000unknown-user\u0000"));
        out.authentication(11, scram.first(clientFirst).getBytes(StandardCharsets.UTF_8));
        String clientFinal = new String(passwordMessage().rest(), StandardCharsets.UTF_8);
        String serverFinal = scram.last(clientFinal);
        if (serverFinal == null || password.isEmpty()) {
            return false;
        }
        out.authentication(12, serverFinal.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private PgBody passwordMessage() throws IOException, PgProtocolException {
        out.flush();
        PgBody body = frames.read(PgFrames.MAX_AUTH_MESSAGE);
        if (body == null) {
            throw new java.io.EOFException("client closed the connection during authentication");
        }
        if (body.type() != 'p') {
            throw new PgProtocolException("expected a password message ('p') during authentication, got '"
                    + PgFrames.printable(body.type()) + "'");
        }
        return body;
    }

    void fatal(String sqlState, String message) throws IOException {
        out.error(PgError.fatal(sqlState, message));
        out.flush();
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
