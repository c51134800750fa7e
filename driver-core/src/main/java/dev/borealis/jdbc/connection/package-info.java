/**
 * The logical connection behind the application's Connection: opening it, the current physical connection and
 * host, the session state replayed on a switch, and the plugin context.
 */
package dev.borealis.jdbc.connection;
