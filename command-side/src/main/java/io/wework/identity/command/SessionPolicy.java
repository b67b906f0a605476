package io.wework.identity.command;

import java.time.Duration;

/** How long a refresh token (a session) lives without use, and how long a lockout lasts. */
public record SessionPolicy(Duration refreshTokenTtl, Duration lockoutDuration) {
}
