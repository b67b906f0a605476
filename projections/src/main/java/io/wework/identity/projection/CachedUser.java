package io.wework.identity.projection;

import io.wework.identity.api.PublicProfileView;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.UserView;
import java.time.Instant;

/** A user as kept in Redis; both the owner's and the public view are derived from it. */
public record CachedUser(String id, String email, String phoneNumber, String fullName, String username, String bio,
                         String avatar, Role role, boolean active, Instant createdAt, long version) {

    public UserView toView() {
        return new UserView(id, email, phoneNumber, fullName, username, bio, avatar, RoleView.of(role), active);
    }

    public PublicProfileView toPublic() {
        return new PublicProfileView(id, username, fullName, bio, avatar, createdAt);
    }
}
