package io.wework.support.deadline;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test node's name and how many expiry deadlines it has run (counted before the resulting event is
 * stored, so a deadline run twice at once counts twice even when one of the two cannot store its event).
 */
public record TrialNode(String name, AtomicInteger expiriesRun) {

    public TrialNode(String name) {
        this(name, new AtomicInteger());
    }
}
