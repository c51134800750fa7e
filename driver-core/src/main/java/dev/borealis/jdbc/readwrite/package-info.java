/** Read/write splitting: {@code setReadOnly(true)} moves the logical connection to a reader, {@code false} back. */
package dev.borealis.jdbc.readwrite;
