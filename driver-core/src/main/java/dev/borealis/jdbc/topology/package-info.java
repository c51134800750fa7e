/**
 * The host list of each cluster, shared by every connection to it: the Caffeine-backed registry, the per-cluster
 * refresh thread, and the naming rules that turn instance ids into hostnames.
 */
package dev.borealis.jdbc.topology;
