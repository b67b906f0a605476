package io.wework.identity.api;

/** {@code {total_users, active_users, admins_count}}. */
public record UserStatsView(long totalUsers, long activeUsers, long adminsCount) {
}
