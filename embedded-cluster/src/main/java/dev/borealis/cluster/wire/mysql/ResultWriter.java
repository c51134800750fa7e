package dev.borealis.cluster.wire.mysql;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a result set to the client: column count, column definitions, EOF, rows (text or binary
 * protocol), EOF carrying the status flags.
 */
final class ResultWriter {

    private final PacketChannel channel;
    private final PayloadWriter row = new PayloadWriter(256);

    ResultWriter(PacketChannel channel) {
        this.channel = channel;
    }

    static List<ColumnDef> columns(ResultSetMetaData md) throws SQLException {
        List<ColumnDef> defs = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            defs.add(MySqlTypes.column(md, i));
        }
        return defs;
    }

    void definitions(List<ColumnDef> defs) throws IOException {
        for (ColumnDef def : defs) {
            channel.write(def.encode());
        }
        channel.write(Messages.eof(0, 0));
    }

    /** Writes the whole result set; returns the number of rows sent. */
    long write(ResultSet rs, boolean binary, int statusAtEnd) throws IOException, SQLException {
        List<ColumnDef> defs = columns(rs.getMetaData());
        channel.write(new PayloadWriter(9).lenenc(defs.size()).toByteArray());
        definitions(defs);
        long count = 0;
        while (rs.next()) {
            if (binary) {
                binaryRow(rs, defs);
            } else {
                textRow(rs, defs);
            }
            channel.write(row.array(), 0, row.size());
            count++;
        }
        channel.write(Messages.eof(0, statusAtEnd));
        return count;
    }

    private void textRow(ResultSet rs, List<ColumnDef> defs) throws SQLException {
        row.reset();
        for (int i = 0; i < defs.size(); i++) {
            Object value = ValueCodec.read(rs, i + 1, defs.get(i));
            if (value == null) {
                row.int1(0xFB);
            } else {
                row.lenencBytes(ValueCodec.text(value, defs.get(i).decimals()));
            }
        }
    }

    private void binaryRow(ResultSet rs, List<ColumnDef> defs) throws SQLException {
        row.reset();
        row.int1(0x00);
        int bitmapAt = row.size();
        byte[] bitmap = new byte[(defs.size() + 7 + 2) / 8];
        row.bytes(bitmap);
        for (int i = 0; i < defs.size(); i++) {
            Object value = ValueCodec.read(rs, i + 1, defs.get(i));
            if (value == null) {
                int bit = i + 2;
                row.array()[bitmapAt + bit / 8] |= (byte) (1 << (bit % 8));
            } else {
                ValueCodec.binary(row, value, defs.get(i));
            }
        }
    }
}
