/**
 * The README's demo: a vote-casting app on HikariCP and the Borealis driver against an embedded cluster served on
 * the network (or a real one), a live timeline, a writer crash halfway, the ledger check and an SVG chart.
 */
package dev.borealis.samples.demo;
