/** The initial-connection plugin: the first physical connection is on the instance the endpoint promises. */
package dev.borealis.jdbc.initial;
