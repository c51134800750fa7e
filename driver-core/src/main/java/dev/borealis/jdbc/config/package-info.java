/** Connection URL parsing, the typed wrapper properties and the immutable per-connection configuration. */
package dev.borealis.jdbc.config;
