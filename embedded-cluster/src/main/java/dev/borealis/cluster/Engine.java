package dev.borealis.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The database engine a cluster imitates: decides the H2 compatibility mode, the port and the error codes. */
public enum Engine {
    MYSQL("MySQL", 3306, ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"),
    POSTGRESQL("PostgreSQL", 5432, ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");

    private final String displayName;
    private final int defaultPort;
    private final String h2Settings;

    Engine(String displayName, int defaultPort, String h2Settings) {
        this.displayName = displayName;
        this.defaultPort = defaultPort;
        this.h2Settings = h2Settings;
    }

    public String displayName() {
        return displayName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** H2 URL settings (starting with {@code ;}) that make H2 behave like this engine. */
    public String h2Settings() {
        return h2Settings;
    }

    /** Parses {@code mysql}, {@code postgresql} (also {@code postgres}, {@code pg}), case-insensitively. */
    public static Engine parse(String value) {
        if (value != null) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "mysql": case "aurora-mysql": return MYSQL;
                case "postgresql": case "postgres": case "pg": case "aurora-postgresql": return POSTGRESQL;
                default: break;
            }
        }
        throw new IllegalArgumentException("engine: unknown value '" + value + "' (expected one of "
                + Arrays.stream(values()).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
    }
}
