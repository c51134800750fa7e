package dev.borealis.cluster.cli;

/** A bad command line: the message names the flag and the problem; the CLI exits with 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
