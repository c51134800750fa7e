/**
 * The demo's entry point ({@link dev.borealis.samples.Demo}); the demo itself is in {@code demo}, the plain-JDBC
 * failover samples in {@code jdbc}, the Spring Boot sample in {@code spring} (left out of the demo jar).
 */
package dev.borealis.samples;
