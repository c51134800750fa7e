package dev.borealis.cluster.wire.pg;

import java.util.ArrayList;
import java.util.List;

/**
 * COPY's text and CSV row formats, both directions. Text: delimiter-separated, {@code \N} for NULL,
 * backslash escapes. CSV: quoted fields with doubled quotes, unquoted empty field (by default) NULL.
 */
record PgCopyFormat(boolean csv, char delimiter, String nullString, boolean header, char quote) {

    static PgCopyFormat text() {
        return new PgCopyFormat(false, '\t', "\\N", false, '"');
    }

    static PgCopyFormat csvFormat() {
        return new PgCopyFormat(true, ',', "", false, '"');
    }

    PgCopyFormat withDelimiter(char d) {
        return new PgCopyFormat(csv, d, nullString, header, quote);
    }

    PgCopyFormat withNull(String n) {
        return new PgCopyFormat(csv, delimiter, n, header, quote);
    }

    PgCopyFormat withHeader(boolean h) {
        return new PgCopyFormat(csv, delimiter, nullString, h, quote);
    }

    String format(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            String v = values.get(i);
            if (v == null) {
                sb.append(nullString);
            } else if (csv) {
                boolean q = v.isEmpty() && nullString.isEmpty() || v.indexOf(delimiter) >= 0 || v.indexOf(quote) >= 0
                        || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.equals(nullString);
                sb.append(q ? quote + v.replace(String.valueOf(quote), "" + quote + quote) + quote : v);
            } else {
                escapeText(v, sb);
            }
        }
        return sb.append('\n').toString();
    }

    private void escapeText(String v, StringBuilder sb) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c == delimiter) {
                        sb.append('\\');
                    }
                    sb.append(c);
            }
        }
    }

    /**
     * Parses as many complete rows as {@code data} holds from {@code start}; returns the index after
     * the last complete row. A CSV row may span lines inside quotes.
     */
    int parse(String data, int start, List<List<String>> rows) {
        int pos = start;
        while (true) {
            int end = rowEnd(data, pos);
            if (end < 0) {
                return pos;
            }
            String line = data.substring(pos, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            pos = end + 1;
            if (line.equals("\\.")) {
                return data.length();
            }
            rows.add(csv ? csvFields(line) : textFields(line));
        }
    }

    private int rowEnd(String data, int from) {
        if (!csv) {
            return data.indexOf('\n', from);
        }
        boolean inQuotes = false;
        for (int i = from; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == quote) {
                inQuotes = !inQuotes;
            } else if (c == '\n' && !inQuotes) {
                return i;
            }
        }
        return -1;
    }

    private List<String> textFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean raw = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                raw = false;
                switch (e) {
                    case 'n': cur.append('\n'); break;
                    case 'r': cur.append('\r'); break;
                    case 't': cur.append('\t'); break;
                    case 'b': cur.append('\b'); break;
                    case 'f': cur.append('\f'); break;
                    case 'N': cur.append("\\N"); raw = true; break;
                    default: cur.append(e); break;
                }
            } else if (c == delimiter) {
                out.add(raw && cur.toString().equals(nullString) ? null : cur.toString());
                cur.setLength(0);
                raw = true;
            } else {
                cur.append(c);
            }
        }
        out.add(raw && cur.toString().equals(nullString) ? null : cur.toString());
        return out;
    }

    private List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    cur.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == quote) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                out.add(!wasQuoted && cur.toString().equals(nullString) ? null : cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        out.add(!wasQuoted && cur.toString().equals(nullString) ? null : cur.toString());
        return out;
    }
}
