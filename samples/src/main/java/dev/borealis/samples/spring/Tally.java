package dev.borealis.samples.spring;

import java.util.Map;

/** Votes per planet, and the instance that counted them. */
public record Tally(Map<String, Long> votesByPlanet, String instance) {
}
