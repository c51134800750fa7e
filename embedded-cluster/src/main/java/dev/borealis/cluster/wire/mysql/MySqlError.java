package dev.borealis.cluster.wire.mysql;

/** An error as a MySQL server reports it: vendor code, SQLSTATE, message. */
record MySqlError(int code, String sqlState, String message) {

    static MySqlError notSupported(String what) {
        return new MySqlError(1235, "42000", "This version of MySQL doesn't yet support '" + what + "'");
    }

    static MySqlError syntax(String near) {
        return new MySqlError(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds"
                + " to your MySQL server version for the right syntax to use near '" + near + "'");
    }

    MySqlErrorException exception() {
        return new MySqlErrorException(this);
    }
}
