package dev.borealis.samples.demo;

import java.util.Map;
import java.util.Set;

/**
 * The end-of-run proof: every acknowledged vote id is stored exactly once. Votes whose outcome the app never learnt
 * (it gave up on them) may or may not be stored; they are counted but are not an error.
 */
record LedgerCheck(long acknowledged, long lost, long duplicated, long storedRows, long unacknowledgedStored) {

    static LedgerCheck of(Set<Long> ledger, Map<Long, Integer> stored) {
        long lost = 0;
        long duplicated = 0;
        for (Long id : ledger) {
            int n = stored.getOrDefault(id, 0);
            if (n == 0) {
                lost++;
            } else if (n > 1) {
                duplicated++;
            }
        }
        long rows = stored.values().stream().mapToLong(Integer::longValue).sum();
        long extra = stored.keySet().stream().filter(id -> !ledger.contains(id)).count();
        return new LedgerCheck(ledger.size(), lost, duplicated, rows, extra);
    }

    boolean passed() {
        return lost == 0 && duplicated == 0;
    }
}
