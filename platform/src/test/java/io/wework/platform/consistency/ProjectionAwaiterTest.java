package io.wework.platform.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

class ProjectionAwaiterTest {

    @Test
    void aTokenPastTheEventHasSeenIt() {
        assertThat(ProjectionAwaiter.hasSeen(GapAwareTrackingToken.newInstance(10, List.of()), 7)).isTrue();
        assertThat(ProjectionAwaiter.hasSeen(GapAwareTrackingToken.newInstance(7, List.of()), 7)).isTrue();
        assertThat(ProjectionAwaiter.hasSeen(GapAwareTrackingToken.newInstance(6, List.of()), 7)).isFalse();
    }

    @Test
    void gapsLeftByRolledBackTransactionsDoNotHoldTheWaitersBack() {
        // indexes 3..5 were burned by rolled-back appends and stay gaps until the gap timeout
        var token = GapAwareTrackingToken.newInstance(9, List.of(3L, 4L, 5L));
        assertThat(ProjectionAwaiter.hasSeen(token, 8)).isTrue();
    }

    @Test
    void anEventStillInAGapHasNotBeenSeen() {
        var token = GapAwareTrackingToken.newInstance(9, List.of(8L));
        assertThat(ProjectionAwaiter.hasSeen(token, 8)).isFalse();
    }

    @Test
    void duringAReplayTheCurrentPositionCounts() {
        var replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(40));
        assertThat(ProjectionAwaiter.hasSeen(replay, 40)).isTrue();
        assertThat(ProjectionAwaiter.hasSeen(replay, 41)).isFalse();
        assertThat(ProjectionAwaiter.hasSeen(null, 1)).isFalse();
    }
}
