/** MySQL and Aurora MySQL dialects over MySQL Connector/J. */
package dev.borealis.jdbc.mysql;
