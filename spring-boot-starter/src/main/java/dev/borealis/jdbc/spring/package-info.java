/**
 * Spring Boot auto-configuration for Borealis data sources (see docs/tools-and-spring.md): HikariCP's exception
 * override, a topology health indicator (Boot 3.5 and 4 health APIs) and a Micrometer binder.
 */
package dev.borealis.jdbc.spring;
