package dev.borealis.benchmarks.stub;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An endless result of one INT column whose every value is {@value #VALUE}: {@code next()} is always true, so a
 * benchmark can call {@code next()}/{@code getInt(1)} forever and measure only the layers above. Methods the
 * benchmarks do not use answer with the JDBC neutral value (null, 0, false).
 */
public final class StubResultSet implements ResultSet {

  public static final int VALUE = 1;
  private final Statement statement;
  private boolean closed;

  StubResultSet(Statement statement) {
    this.statement = statement;
  }

  @Override
  public boolean next() {
    return true;
  }

  @Override
  public int getInt(int column) {
    return VALUE;
  }

  @Override
  public int getInt(String column) {
    return VALUE;
  }

  @Override
  public long getLong(int column) {
    return VALUE;
  }

  @Override
  public long getLong(String column) {
    return VALUE;
  }

  @Override
  public String getString(int column) {
    return "1";
  }

  @Override
  public String getString(String column) {
    return "1";
  }

  @Override
  public Object getObject(int column) {
    return VALUE;
  }

  @Override
  public Object getObject(String column) {
    return VALUE;
  }

  @Override
  public <T> T getObject(int column, Class<T> type) {
    return type.cast(VALUE);
  }

  @Override
  public <T> T getObject(String column, Class<T> type) {
    return type.cast(VALUE);
  }

  @Override
  public Object getObject(int column, java.util.Map<String, Class<?>> map) {
    return VALUE;
  }

  @Override
  public Object getObject(String column, java.util.Map<String, Class<?>> map) {
    return VALUE;
  }

  @Override
  public int findColumn(String column) {
    return 1;
  }

  @Override
  public boolean wasNull() {
    return false;
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("StubResultSet does not wrap " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  // ---------------------------------------------------------------- not used by the benchmarks: neutral values
  @Override
  public boolean absolute(int p0) {
    return false;
  }

  @Override
  public void afterLast() {
  }

  @Override
  public void beforeFirst() {
  }

  @Override
  public void cancelRowUpdates() {
  }

  @Override
  public void clearWarnings() {
  }

  @Override
  public void deleteRow() {
  }

  @Override
  public boolean first() {
    return false;
  }

  @Override
  public java.sql.Array getArray(String p0) {
    return null;
  }

  @Override
  public java.sql.Array getArray(int p0) {
    return null;
  }

  @Override
  public java.io.InputStream getAsciiStream(String p0) {
    return null;
  }

  @Override
  public java.io.InputStream getAsciiStream(int p0) {
    return null;
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String p0, int p1) {
    return null;
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String p0) {
    return null;
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int p0, int p1) {
    return null;
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int p0) {
    return null;
  }

  @Override
  public java.io.InputStream getBinaryStream(String p0) {
    return null;
  }

  @Override
  public java.io.InputStream getBinaryStream(int p0) {
    return null;
  }

  @Override
  public java.sql.Blob getBlob(String p0) {
    return null;
  }

  @Override
  public java.sql.Blob getBlob(int p0) {
    return null;
  }

  @Override
  public boolean getBoolean(String p0) {
    return false;
  }

  @Override
  public boolean getBoolean(int p0) {
    return false;
  }

  @Override
  public byte getByte(String p0) {
    return 0;
  }

  @Override
  public byte getByte(int p0) {
    return 0;
  }

  @Override
  public byte[] getBytes(String p0) {
    return null;
  }

  @Override
  public byte[] getBytes(int p0) {
    return null;
  }

  @Override
  public java.io.Reader getCharacterStream(String p0) {
    return null;
  }

  @Override
  public java.io.Reader getCharacterStream(int p0) {
    return null;
  }

  @Override
  public java.sql.Clob getClob(String p0) {
    return null;
  }

  @Override
  public java.sql.Clob getClob(int p0) {
    return null;
  }

  @Override
  public int getConcurrency() {
    return 0;
  }

  @Override
  public String getCursorName() {
    return null;
  }

  @Override
  public java.sql.Date getDate(String p0, java.util.Calendar p1) {
    return null;
  }

  @Override
  public java.sql.Date getDate(String p0) {
    return null;
  }

  @Override
  public java.sql.Date getDate(int p0, java.util.Calendar p1) {
    return null;
  }

  @Override
  public java.sql.Date getDate(int p0) {
    return null;
  }

  @Override
  public double getDouble(String p0) {
    return 0;
  }

  @Override
  public double getDouble(int p0) {
    return 0;
  }

  @Override
  public int getFetchDirection() {
    return 0;
  }

  @Override
  public int getFetchSize() {
    return 0;
  }

  @Override
  public float getFloat(String p0) {
    return 0;
  }

  @Override
  public float getFloat(int p0) {
    return 0;
  }

  @Override
  public int getHoldability() {
    return 0;
  }

  @Override
  public java.sql.ResultSetMetaData getMetaData() {
    return null;
  }

  @Override
  public java.io.Reader getNCharacterStream(String p0) {
    return null;
  }

  @Override
  public java.io.Reader getNCharacterStream(int p0) {
    return null;
  }

  @Override
  public java.sql.NClob getNClob(String p0) {
    return null;
  }

  @Override
  public java.sql.NClob getNClob(int p0) {
    return null;
  }

  @Override
  public String getNString(String p0) {
    return null;
  }

  @Override
  public String getNString(int p0) {
    return null;
  }

  @Override
  public java.sql.Ref getRef(String p0) {
    return null;
  }

  @Override
  public java.sql.Ref getRef(int p0) {
    return null;
  }

  @Override
  public int getRow() {
    return 0;
  }

  @Override
  public java.sql.RowId getRowId(String p0) {
    return null;
  }

  @Override
  public java.sql.RowId getRowId(int p0) {
    return null;
  }

  @Override
  public java.sql.SQLXML getSQLXML(String p0) {
    return null;
  }

  @Override
  public java.sql.SQLXML getSQLXML(int p0) {
    return null;
  }

  @Override
  public short getShort(String p0) {
    return 0;
  }

  @Override
  public short getShort(int p0) {
    return 0;
  }

  @Override
  public java.sql.Time getTime(String p0, java.util.Calendar p1) {
    return null;
  }

  @Override
  public java.sql.Time getTime(String p0) {
    return null;
  }

  @Override
  public java.sql.Time getTime(int p0, java.util.Calendar p1) {
    return null;
  }

  @Override
  public java.sql.Time getTime(int p0) {
    return null;
  }

  @Override
  public java.sql.Timestamp getTimestamp(String p0, java.util.Calendar p1) {
    return null;
  }

  @Override
  public java.sql.Timestamp getTimestamp(String p0) {
    return null;
  }

  @Override
  public java.sql.Timestamp getTimestamp(int p0, java.util.Calendar p1) {
    return null;
  }

  @Override
  public java.sql.Timestamp getTimestamp(int p0) {
    return null;
  }

  @Override
  public int getType() {
    return 0;
  }

  @Override
  public java.net.URL getURL(String p0) {
    return null;
  }

  @Override
  public java.net.URL getURL(int p0) {
    return null;
  }

  @Override
  public java.io.InputStream getUnicodeStream(String p0) {
    return null;
  }

  @Override
  public java.io.InputStream getUnicodeStream(int p0) {
    return null;
  }

  @Override
  public java.sql.SQLWarning getWarnings() {
    return null;
  }

  @Override
  public void insertRow() {
  }

  @Override
  public boolean isAfterLast() {
    return false;
  }

  @Override
  public boolean isBeforeFirst() {
    return false;
  }

  @Override
  public boolean isFirst() {
    return false;
  }

  @Override
  public boolean isLast() {
    return false;
  }

  @Override
  public boolean last() {
    return false;
  }

  @Override
  public void moveToCurrentRow() {
  }

  @Override
  public void moveToInsertRow() {
  }

  @Override
  public boolean previous() {
    return false;
  }

  @Override
  public void refreshRow() {
  }

  @Override
  public boolean relative(int p0) {
    return false;
  }

  @Override
  public boolean rowDeleted() {
    return false;
  }

  @Override
  public boolean rowInserted() {
    return false;
  }

  @Override
  public boolean rowUpdated() {
    return false;
  }

  @Override
  public void setFetchDirection(int p0) {
  }

  @Override
  public void setFetchSize(int p0) {
  }

  @Override
  public void updateArray(String p0, java.sql.Array p1) {
  }

  @Override
  public void updateArray(int p0, java.sql.Array p1) {
  }

  @Override
  public void updateAsciiStream(String p0, java.io.InputStream p1, int p2) {
  }

  @Override
  public void updateAsciiStream(String p0, java.io.InputStream p1, long p2) {
  }

  @Override
  public void updateAsciiStream(String p0, java.io.InputStream p1) {
  }

  @Override
  public void updateAsciiStream(int p0, java.io.InputStream p1, int p2) {
  }

  @Override
  public void updateAsciiStream(int p0, java.io.InputStream p1, long p2) {
  }

  @Override
  public void updateAsciiStream(int p0, java.io.InputStream p1) {
  }

  @Override
  public void updateBigDecimal(String p0, java.math.BigDecimal p1) {
  }

  @Override
  public void updateBigDecimal(int p0, java.math.BigDecimal p1) {
  }

  @Override
  public void updateBinaryStream(String p0, java.io.InputStream p1, int p2) {
  }

  @Override
  public void updateBinaryStream(String p0, java.io.InputStream p1, long p2) {
  }

  @Override
  public void updateBinaryStream(String p0, java.io.InputStream p1) {
  }

  @Override
  public void updateBinaryStream(int p0, java.io.InputStream p1, int p2) {
  }

  @Override
  public void updateBinaryStream(int p0, java.io.InputStream p1, long p2) {
  }

  @Override
  public void updateBinaryStream(int p0, java.io.InputStream p1) {
  }

  @Override
  public void updateBlob(String p0, java.io.InputStream p1, long p2) {
  }

  @Override
  public void updateBlob(String p0, java.io.InputStream p1) {
  }

  @Override
  public void updateBlob(String p0, java.sql.Blob p1) {
  }

  @Override
  public void updateBlob(int p0, java.io.InputStream p1, long p2) {
  }

  @Override
  public void updateBlob(int p0, java.io.InputStream p1) {
  }

  @Override
  public void updateBlob(int p0, java.sql.Blob p1) {
  }

  @Override
  public void updateBoolean(String p0, boolean p1) {
  }

  @Override
  public void updateBoolean(int p0, boolean p1) {
  }

  @Override
  public void updateByte(String p0, byte p1) {
  }

  @Override
  public void updateByte(int p0, byte p1) {
  }

  @Override
  public void updateBytes(String p0, byte[] p1) {
  }

  @Override
  public void updateBytes(int p0, byte[] p1) {
  }

  @Override
  public void updateCharacterStream(String p0, java.io.Reader p1, int p2) {
  }

  @Override
  public void updateCharacterStream(String p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateCharacterStream(String p0, java.io.Reader p1) {
  }

  @Override
  public void updateCharacterStream(int p0, java.io.Reader p1, int p2) {
  }

  @Override
  public void updateCharacterStream(int p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateCharacterStream(int p0, java.io.Reader p1) {
  }

  @Override
  public void updateClob(String p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateClob(String p0, java.io.Reader p1) {
  }

  @Override
  public void updateClob(String p0, java.sql.Clob p1) {
  }

  @Override
  public void updateClob(int p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateClob(int p0, java.io.Reader p1) {
  }

  @Override
  public void updateClob(int p0, java.sql.Clob p1) {
  }

  @Override
  public void updateDate(String p0, java.sql.Date p1) {
  }

  @Override
  public void updateDate(int p0, java.sql.Date p1) {
  }

  @Override
  public void updateDouble(String p0, double p1) {
  }

  @Override
  public void updateDouble(int p0, double p1) {
  }

  @Override
  public void updateFloat(String p0, float p1) {
  }

  @Override
  public void updateFloat(int p0, float p1) {
  }

  @Override
  public void updateInt(String p0, int p1) {
  }

  @Override
  public void updateInt(int p0, int p1) {
  }

  @Override
  public void updateLong(String p0, long p1) {
  }

  @Override
  public void updateLong(int p0, long p1) {
  }

  @Override
  public void updateNCharacterStream(String p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateNCharacterStream(String p0, java.io.Reader p1) {
  }

  @Override
  public void updateNCharacterStream(int p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateNCharacterStream(int p0, java.io.Reader p1) {
  }

  @Override
  public void updateNClob(String p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateNClob(String p0, java.io.Reader p1) {
  }

  @Override
  public void updateNClob(String p0, java.sql.NClob p1) {
  }

  @Override
  public void updateNClob(int p0, java.io.Reader p1, long p2) {
  }

  @Override
  public void updateNClob(int p0, java.io.Reader p1) {
  }

  @Override
  public void updateNClob(int p0, java.sql.NClob p1) {
  }

  @Override
  public void updateNString(String p0, String p1) {
  }

  @Override
  public void updateNString(int p0, String p1) {
  }

  @Override
  public void updateNull(String p0) {
  }

  @Override
  public void updateNull(int p0) {
  }

  @Override
  public void updateObject(String p0, Object p1, int p2) {
  }

  @Override
  public void updateObject(String p0, Object p1) {
  }

  @Override
  public void updateObject(int p0, Object p1, int p2) {
  }

  @Override
  public void updateObject(int p0, Object p1) {
  }

  @Override
  public void updateRef(String p0, java.sql.Ref p1) {
  }

  @Override
  public void updateRef(int p0, java.sql.Ref p1) {
  }

  @Override
  public void updateRow() {
  }

  @Override
  public void updateRowId(String p0, java.sql.RowId p1) {
  }

  @Override
  public void updateRowId(int p0, java.sql.RowId p1) {
  }

  @Override
  public void updateSQLXML(String p0, java.sql.SQLXML p1) {
  }

  @Override
  public void updateSQLXML(int p0, java.sql.SQLXML p1) {
  }

  @Override
  public void updateShort(String p0, short p1) {
  }

  @Override
  public void updateShort(int p0, short p1) {
  }

  @Override
  public void updateString(String p0, String p1) {
  }

  @Override
  public void updateString(int p0, String p1) {
  }

  @Override
  public void updateTime(String p0, java.sql.Time p1) {
  }

  @Override
  public void updateTime(int p0, java.sql.Time p1) {
  }

  @Override
  public void updateTimestamp(String p0, java.sql.Timestamp p1) {
  }

  @Override
  public void updateTimestamp(int p0, java.sql.Timestamp p1) {
  }
}
