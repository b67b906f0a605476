package io.wework.identity.command;

import java.time.Duration;

/** How long a refresh token (a session) lives without use. */
public record SessionPolicy(Duration refreshTokenTtl) {
}
