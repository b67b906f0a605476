package io.wework.support;

import io.wework.identity.api.UserProfileUpdatedEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Test-only handler in the {@code audit} projection that fails on a "poison" bio while armed. It runs
 * before the audit handler of the same event, so a poisoned event leaves no audit row behind.
 */
@Component
@ProcessingGroup("audit")
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class PoisonHandler {

    public static final String POISON = "poison";
    public static final AtomicBoolean ARMED = new AtomicBoolean(false);

    @EventHandler
    void on(UserProfileUpdatedEvent event) {
        if (ARMED.get() && POISON.equals(event.bio())) {
            throw new IllegalStateException("poisoned event for " + event.userId());
        }
    }
}
