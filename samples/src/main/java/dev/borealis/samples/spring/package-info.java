/**
 * A Spring Boot application on Borealis, configured only by {@code application.properties}; read-only
 * transactions on readers, a Resilience4j retry for failovers. Not part of the demo jar.
 */
package dev.borealis.samples.spring;
