package io.wework.identity.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import io.wework.platform.processing.ReplayRuns;
import org.springframework.stereotype.Component;

/**
 * The replayable side of {@code users_view}: the pooled streaming processor {@value #GROUP}, which
 * {@code POST /api/admin/projections/users/replay} resets to the first event. It rebuilds the rows
 * from replayed events, in batches (rows and the processor's token in one transaction); new events
 * it passes by, because {@link UserInlineProjection} has already applied them in their commands'
 * transactions. Both write through {@link UsersViewWriter}, whose version-guarded upserts let them
 * run at the same time. While it replays, readers answer from the event store.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
public class UserProjection {

    public static final String GROUP = "users";

    private final UsersViewWriter writer;
    private final ReplayRuns replays;

    public UserProjection(UsersViewWriter writer, ReplayRuns replays) {
        this.writer = writer;
        this.replays = replays;
    }

    /**
     * Replayed events are applied; so is every other event while a replay started here runs (the
     * processor may resume from a token older than the head, and events committed around the reset
     * were applied inline to rows the reset then removed). Version-guarded upserts make a second
     * application harmless. Outside a replay the processor idles and sees nothing.
     */
    @EventHandler
    void on(Object payload, DomainEventMessage<?> event, ReplayStatus replay) {
        if (replay.isReplay() || replays.active(GROUP)) {
            writer.applyReplayed(event);
        }
    }

    @ResetHandler
    void reset() {
        writer.reset();
    }
}
