package io.wework.identity.api;

import java.time.Instant;

/** What anybody may see of an active user: never the e-mail nor the phone number. */
public record PublicProfileView(String id, String username, String fullName, String bio, String avatar, Instant createdAt) {
}
