package dev.borealis.cluster.wire.pg;

import dev.borealis.cluster.Role;
import dev.borealis.cluster.Session;
import dev.borealis.cluster.wire.ClientConnection;

/**
 * What the SQL functions of the surface need to know about the client connection running them
 * ({@code current_setting}, {@code inet_server_addr}, {@code transaction_read_only}). Each
 * connection is served by one thread, which is the thread H2 calls the functions on.
 */
final class PgContext {

    private static final ThreadLocal<PgContext> CURRENT = new ThreadLocal<>();

    final PgSettings settings;
    final Session session;
    final ClientConnection client;
    final String user;

    PgContext(PgSettings settings, Session session, ClientConnection client, String user) {
        this.settings = settings;
        this.session = session;
        this.client = client;
        this.user = user;
    }

    private static final java.util.concurrent.atomic.AtomicLong TXIDS = new java.util.concurrent.atomic.AtomicLong(700);
    private long txid;

    /** One id per transaction, as txid_current(): the same until the transaction ends. */
    long txid() {
        if (txid == 0 || !session.inTransaction()) {
            txid = TXIDS.incrementAndGet();
        }
        return txid;
    }

    static PgContext current() {
        return CURRENT.get();
    }

    void bind() {
        CURRENT.set(this);
    }

    static void unbind() {
        CURRENT.remove();
    }

    /** A setting as SHOW reports it; {@code transaction_read_only} is live. */
    String setting(String name) {
        if ("transaction_read_only".equalsIgnoreCase(name)) {
            boolean ro = session.instance().role() != Role.WRITER || session.inReadOnlyTransaction()
                    || !session.inTransaction() && session.isReadOnly();
            return ro ? "on" : "off";
        }
        if ("default_transaction_read_only".equalsIgnoreCase(name)) {
            return session.isReadOnly() ? "on" : "off";
        }
        return settings.get(name);
    }
}
