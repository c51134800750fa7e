package dev.borealis.samples.spring;

import io.github.resilience4j.retry.Retry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The business calls, each wrapped in the failover {@link Retry}. The retry sits outside the transactional
 * {@link VoteService}, so every attempt is a whole new transaction.
 */
@Component
public class Voting {

    private final VoteService votes;
    private final Retry retry;

    public Voting(VoteService votes, Retry failoverRetry) {
        this.votes = votes;
        this.retry = failoverRetry;
    }

    /** Casts vote {@code voteId}; returns the instance that committed it. Returning means it is stored. */
    public String castVote(long voteId, int planetId) {
        return retry.executeSupplier(() -> votes.castVote(voteId, planetId));
    }

    public Tally tally() {
        return retry.executeSupplier(votes::tally);
    }

    public List<Long> storedVoteIds() {
        return retry.executeSupplier(votes::storedVoteIds);
    }

    public void createSchema() {
        retry.executeRunnable(votes::createSchema);
    }
}
