package dev.borealis.cluster.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads just enough of a statement's leading keywords to classify it. Skips white space and
 * comments ({@code --}, {@code #}, {@code /* *&#47;}); never parses the whole statement.
 */
final class SqlClassifier {

    private SqlClassifier() {
    }

    static Classified classify(String sql) {
        List<String> words = leadingWords(sql, 6);
        boolean sequences = mentionsSequences(sql);
        if (words.isEmpty()) {
            return new Classified(StatementKind.OTHER, null, false);
        }
        String first = words.get(0);
        switch (first) {
            case "BEGIN":
                return simple(words.size() == 1 || isOneOf(word(words, 1), "WORK", "TRANSACTION")
                        ? (containsPair(words, "READ", "ONLY") ? StatementKind.BEGIN_READ_ONLY : StatementKind.BEGIN)
                        : StatementKind.OTHER);
            case "START":
                if ("TRANSACTION".equals(word(words, 1))) {
                    return simple(containsPair(words, "READ", "ONLY") ? StatementKind.BEGIN_READ_ONLY : StatementKind.BEGIN);
                }
                return simple(StatementKind.OTHER);
            case "COMMIT":
            case "END":
                return simple(StatementKind.COMMIT);
            case "ROLLBACK":
            case "ABORT": {
                int i = 1;
                if (isOneOf(word(words, i), "WORK", "TRANSACTION")) {
                    i++;
                }
                if ("TO".equals(word(words, i))) {
                    i++;
                    if ("SAVEPOINT".equals(word(words, i))) {
                        i++;
                    }
                    return new Classified(StatementKind.ROLLBACK_TO_SAVEPOINT, identifierAfter(sql, words.get(i - 1)), false);
                }
                return simple(StatementKind.ROLLBACK);
            }
            case "SAVEPOINT":
                return new Classified(StatementKind.SAVEPOINT, identifierAfter(sql, "SAVEPOINT"), false);
            case "RELEASE":
                return new Classified(StatementKind.RELEASE_SAVEPOINT,
                        identifierAfter(sql, "SAVEPOINT".equals(word(words, 1)) ? "SAVEPOINT" : "RELEASE"), false);
            case "CREATE":
                if (words.contains("TEMPORARY") || words.contains("TEMP")) {
                    return simple(StatementKind.LOCAL_DDL);
                }
                return new Classified(StatementKind.DDL, null, sequences);
            case "ALTER":
            case "DROP":
            case "TRUNCATE":
            case "RENAME":
            case "COMMENT":
            case "GRANT":
            case "REVOKE":
                if ("DROP".equals(first) && words.contains("TEMPORARY")) {
                    return simple(StatementKind.LOCAL_DDL);
                }
                return new Classified(StatementKind.DDL, null, sequences);
            default:
                return new Classified(StatementKind.OTHER, null, sequences);
        }
    }

    private static Classified simple(StatementKind kind) {
        return new Classified(kind, null, false);
    }

    private static boolean mentionsSequences(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        return upper.contains("NEXT VALUE FOR") || upper.contains("NEXTVAL") || upper.contains("SETVAL");
    }

    private static String word(List<String> words, int i) {
        return i < words.size() ? words.get(i) : null;
    }

    private static boolean isOneOf(String word, String... options) {
        for (String option : options) {
            if (option.equals(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsPair(List<String> words, String a, String b) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals(a) && words.get(i + 1).equals(b)) {
                return true;
            }
        }
        return false;
    }

    /** The identifier (possibly quoted) that follows the keyword {@code after}, as written. */
    private static String identifierAfter(String sql, String after) {
        String upper = sql.toUpperCase(Locale.ROOT);
        int at = upper.indexOf(after);
        if (at < 0) {
            return null;
        }
        String rest = sql.substring(at + after.length()).trim();
        if (rest.endsWith(";")) {
            rest = rest.substring(0, rest.length() - 1).trim();
        }
        return rest.isEmpty() ? null : rest;
    }

    /** Up to {@code max} leading keywords, upper-cased; stops at the first token that is not a word. */
    static List<String> leadingWords(String sql, int max) {
        List<String> words = new ArrayList<>(max);
        int i = 0;
        int n = sql.length();
        while (i < n && words.size() < max) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                break;
            }
        }
        return words;
    }
}
