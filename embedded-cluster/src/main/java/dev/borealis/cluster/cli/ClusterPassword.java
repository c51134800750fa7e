package dev.borealis.cluster.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;

/**
 * The database password of the CLI's cluster and where it came from. In order: {@code --password}
 * (visible to every user of the machine in {@code ps}; kept for compatibility), {@code --password-file},
 * the {@code BOREALIS_PASSWORD} environment variable, else a random one that the READY line carries once,
 * so there is no well-known default a neighbour could log in with. {@link #toString()} never shows it.
 */
record ClusterPassword(String value, Source source) {

    static final String ENV = "BOREALIS_PASSWORD";
    private static final int MAX_FILE_BYTES = 4096;
    private static final int GENERATED_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Source { FLAG, FILE, ENVIRONMENT, GENERATED }

    static ClusterPassword resolve(String flag, Path file, Function<String, String> env) throws UsageException {
        if (flag != null && file != null) {
            throw new UsageException("--password and --password-file: give one of them, not both");
        }
        if (flag != null) {
            return new ClusterPassword(nonEmpty("--password", flag), Source.FLAG);
        }
        if (file != null) {
            return new ClusterPassword(read(file), Source.FILE);
        }
        String fromEnv = env.apply(ENV);
        if (fromEnv != null) {
            return new ClusterPassword(nonEmpty(ENV, fromEnv), Source.ENVIRONMENT);
        }
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return new ClusterPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), Source.GENERATED);
    }

    boolean generated() {
        return source == Source.GENERATED;
    }

    /** The file's first line, without its line ending (as {@code echo secret > file} writes it). */
    private static String read(Path file) throws UsageException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UsageException("--password-file: " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes (expected one line: the password)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("--password-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String line = eol < 0 ? text : text.substring(0, eol);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new UsageException("--password-file: " + file + " is empty (expected the password on its first line)");
        }
        return line;
    }

    private static String nonEmpty(String what, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(what + ": must not be empty");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ClusterPassword[" + source + "]";
    }
}
