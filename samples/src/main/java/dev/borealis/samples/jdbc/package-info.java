/** Plain-JDBC samples of the failover contract (08S02 re-run, 08007 replay, 08001 give up), one per engine. */
package dev.borealis.samples.jdbc;
