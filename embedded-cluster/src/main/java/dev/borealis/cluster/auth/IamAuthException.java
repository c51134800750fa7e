package dev.borealis.cluster.auth;

/** Why a token was refused: for the server's log, never for the client (which only learns "access denied"). */
public final class IamAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    IamAuthException(String reason) {
        super(reason, null, false, false);
    }
}
