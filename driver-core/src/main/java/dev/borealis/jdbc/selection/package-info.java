/** Choosing an instance for a new connection: the selector strategies and the per-host statistics they use. */
package dev.borealis.jdbc.selection;
