package dev.borealis.cluster.wire.pg;

import java.sql.SQLException;

/** The client broke the protocol (bad length, unknown message, truncated field): 08P01, then the connection closes. */
final class PgProtocolException extends SQLException {

    PgProtocolException(String message) {
        super(message, "08P01");
    }
}
