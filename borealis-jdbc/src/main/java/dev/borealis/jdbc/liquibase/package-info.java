/**
 * Liquibase {@code liquibase.database.Database} services that map {@code jdbc:borealis:} URLs to the Borealis driver;
 * Liquibase's own MySQL and PostgreSQL databases do the rest. Needs liquibase-core on the class path; without it
 * nothing loads these classes.
 */
package dev.borealis.jdbc.liquibase;
