/** Samples and the demo. */
package dev.borealis.samples;
