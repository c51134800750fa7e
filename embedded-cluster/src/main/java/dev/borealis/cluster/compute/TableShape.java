package dev.borealis.cluster.compute;

import java.util.List;

/**
 * What the applier needs to know of a table to replay row images into it.
 *
 * @param columns column names in ordinal order (row images use this order)
 * @param writable per column: false for generated (computed) columns, which cannot be assigned
 * @param keyColumns ordinals of the primary key, empty when the table has none
 * @param identityAlways true when an identity column is {@code GENERATED ALWAYS} (needs OVERRIDING SYSTEM VALUE)
 */
record TableShape(String schema, String table, List<String> columns, boolean[] writable, int[] keyColumns,
                  boolean identityAlways) {

    String qualifiedName() {
        return Sql.quote(schema) + "." + Sql.quote(table);
    }
}
