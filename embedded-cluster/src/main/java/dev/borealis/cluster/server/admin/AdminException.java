package dev.borealis.cluster.server.admin;

/** A request the admin API refuses, with the HTTP status to answer and a message naming the problem. */
class AdminException extends RuntimeException {

    private final int status;

    AdminException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
