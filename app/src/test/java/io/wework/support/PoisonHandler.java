package io.wework.support;

import io.wework.identity.api.UserProfileUpdatedEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Test-only handler in the {@code users} projection that fails on a "poison" bio while armed. */
@Component
@ProcessingGroup("users")
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
