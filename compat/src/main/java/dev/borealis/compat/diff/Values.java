package dev.borealis.compat.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Canonical text for a value read with {@code getObject}, so that equal values compare equal whatever Java type
 * each driver chose: every number as a plain decimal without trailing zeros ({@code 1.50} and {@code 1.5} and
 * {@code 1.5e0} are all {@code 1.5}; the column's type is compared separately), temporal values in ISO form, byte
 * arrays in hex, arrays element by element, everything else by {@code toString()} (pgJDBC's PGobject for json and
 * interval gives the server's text).
 */
public final class Values {

  private Values() {
  }

  public static String canonical(Object value) throws SQLException {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof byte[] bytes) {
      return "x'" + HexFormat.of().formatHex(bytes) + "'";
    }
    if (value instanceof Timestamp ts) {
      return ts.toLocalDateTime().toString();
    }
    if (value instanceof Array array) {
      return array(array);
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) Math.min(clob.length(), Integer.MAX_VALUE));
    }
    if (value instanceof Blob blob) {
      return canonical(blob.getBytes(1, (int) Math.min(blob.length(), Integer.MAX_VALUE)));
    }
    return value.toString();
  }

  private static String number(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      // Through the float's own shortest decimal form, so a REAL 0.1 reads as 0.1 on both sides.
      return strip(new BigDecimal(n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d)));
    }
    if (n instanceof BigDecimal bd) {
      return strip(bd);
    }
    if (n instanceof BigInteger bi) {
      return bi.toString();
    }
    return Long.toString(n.longValue());
  }

  private static String strip(BigDecimal bd) {
    return bd.signum() == 0 ? "0" : bd.stripTrailingZeros().toPlainString();
  }

  private static String array(Array array) throws SQLException {
    Object[] elements = (Object[]) array.getArray();
    List<String> out = new ArrayList<>(elements.length);
    for (Object e : elements) {
      out.add(canonical(e));
    }
    return out.toString();
  }
}
