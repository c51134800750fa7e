/**
 * Flyway database-type plugins (found through {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}) that
 * map {@code jdbc:borealis:mysql:} and {@code jdbc:borealis:postgresql:} URLs to the Borealis driver and leave the
 * database handling to Flyway's own MySQL and PostgreSQL types. Needs flyway-core with flyway-mysql or
 * flyway-database-postgresql on the class path; without them nothing loads these classes.
 */
package dev.borealis.jdbc.flyway;
