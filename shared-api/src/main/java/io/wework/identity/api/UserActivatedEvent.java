package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The account was re-activated. */
@Revision("1")
public record UserActivatedEvent(String userId, Instant activatedAt) {
}
