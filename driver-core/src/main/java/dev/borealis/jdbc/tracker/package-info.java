/** The connection tracker: which open connections sit on which instance, to close those on a demoted writer. */
package dev.borealis.jdbc.tracker;
