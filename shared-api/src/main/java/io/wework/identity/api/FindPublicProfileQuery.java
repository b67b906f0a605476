package io.wework.identity.api;

/** The public profile of an active user, found by id or by username (exactly one is set). */
public record FindPublicProfileQuery(String userId, String username) {

    public static FindPublicProfileQuery byId(String userId) {
        return new FindPublicProfileQuery(userId, null);
    }

    public static FindPublicProfileQuery byUsername(String username) {
        return new FindPublicProfileQuery(null, username);
    }
}
