/** Writer and reader failover and enhanced failure monitoring. */
package dev.borealis.jdbc.failover;
