package io.wework.identity.api;

/** The users part of {@code GET /api/admin/stats}. */
public record FetchUserStatsQuery() {
}
