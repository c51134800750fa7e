/** Borealis driver core: the JDBC driver, wrappers, plugin chain, configuration and topology. */
package dev.borealis.jdbc;
