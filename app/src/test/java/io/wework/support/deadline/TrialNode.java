package io.wework.support.deadline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One test node: its name, how many expiry deadlines it has run (counted before the resulting event is
 * stored, so a deadline run twice at once counts twice even when one of the two cannot store its event),
 * and, once Axon has begun to shut down, whether db-scheduler had stopped by then.
 */
public record TrialNode(String name, AtomicInteger expiriesRun, AtomicReference<Boolean> schedulerStoppedBeforeAxon) {

    public TrialNode(String name) {
        this(name, new AtomicInteger(), new AtomicReference<>());
    }
}
