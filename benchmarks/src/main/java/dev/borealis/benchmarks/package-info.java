/** Benchmarks: each states the question it answers and the command that runs it. */
package dev.borealis.benchmarks;
