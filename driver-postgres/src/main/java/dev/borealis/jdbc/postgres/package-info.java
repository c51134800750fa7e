/** PostgreSQL and Aurora PostgreSQL dialects over pgJDBC. */
package dev.borealis.jdbc.postgres;
