package dev.borealis.cluster.wire.mysql;

import java.io.IOException;

/** A packet that is too short, too long or out of sequence: the connection cannot continue. */
final class MalformedPacketException extends IOException {

    private final int errorCode;

    MalformedPacketException(String message) {
        this(1835, message);
    }

    MalformedPacketException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    int errorCode() {
        return errorCode;
    }
}
