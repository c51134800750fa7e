package dev.borealis.cluster.server.admin;

import java.util.Map;

/**
 * One admin API call: the path parameters and the parsed JSON body (an empty object when there was none).
 */
record AdminRequest(Map<String, String> params, Map<String, Object> body) {

    String param(String name) {
        return params.get(name);
    }

    /** An optional string member; 400 if it is there but not a string. */
    String string(String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new AdminException(400, name + ": must be a string, got " + Json.write(value));
        }
        return s;
    }

    /** An optional integer member within {@code min..max}; 400 otherwise. */
    Long integer(String name, long min, long max) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long n)) {
            throw new AdminException(400, name + ": must be an integer in " + min + ".." + max + ", got " + Json.write(value));
        }
        if (n < min || n > max) {
            throw new AdminException(400, name + ": " + n + " is out of range " + min + ".." + max);
        }
        return n;
    }

    long requiredInteger(String name, long min, long max) {
        Long n = integer(name, min, max);
        if (n == null) {
            throw new AdminException(400, name + ": required (an integer in " + min + ".." + max + ")");
        }
        return n;
    }
}
