package io.wework.identity.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * {@code users_view} and its Redis entries, kept in step inside the command's own transaction (a
 * subscribing processor, {@value #GROUP}): when a command answers, the read model already shows its
 * change, on every node, with no waiting. A failure here fails the command (nothing is stored).
 * Rebuilding the table is {@link UserProjection}'s job.
 */
@Component
@ProcessingGroup(UserInlineProjection.GROUP)
public class UserInlineProjection {

    public static final String GROUP = "users-inline";

    private final UsersViewWriter writer;

    public UserInlineProjection(UsersViewWriter writer) {
        this.writer = writer;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event) {
        writer.applyInline(event);
    }
}
