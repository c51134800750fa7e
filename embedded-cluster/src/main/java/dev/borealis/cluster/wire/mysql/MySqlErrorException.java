package dev.borealis.cluster.wire.mysql;

import java.sql.SQLException;

/** Raised by the server-side command handlers; the connection turns it into an ERR packet. */
final class MySqlErrorException extends SQLException {

    MySqlErrorException(MySqlError error) {
        super(error.message(), error.sqlState(), error.code());
    }
}
