package io.wework.identity.query;

import io.wework.identity.api.FindPublicProfileQuery;
import io.wework.identity.api.FindUserByIdQuery;
import io.wework.identity.api.PublicProfileView;
import io.wework.identity.api.UserView;
import io.wework.identity.projection.CachedUser;
import io.wework.identity.projection.UserCache;
import io.wework.identity.projection.UserEntity;
import io.wework.identity.projection.UserRowReader;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Serves user reads from Redis, falling back to {@code users_view} checked against the event store
 * ({@link UserRowReader}, exact even while a replay rebuilds the table) on a miss or an entry that may be
 * stale, then putting the row back ({@link UserCache}).
 */
@Component
public class UserQueryHandler {

    private final UserRowReader rows;
    private final UserCache cache;

    public UserQueryHandler(UserRowReader rows, UserCache cache) {
        this.rows = rows;
        this.cache = cache;
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserByIdQuery query) {
        return load(query.userId()).map(CachedUser::toView);
    }

    @QueryHandler
    public Optional<PublicProfileView> handle(FindPublicProfileQuery query) {
        Optional<CachedUser> user;
        if (query.userId() != null) {
            user = load(query.userId());
        } else {
            user = rows.byUsername(query.username()).map(UserEntity::toCached);
        }
        return user.filter(CachedUser::active).map(CachedUser::toPublic);
    }

    private Optional<CachedUser> load(String userId) {
        Optional<CachedUser> cached = cache.get(userId);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<CachedUser> fromDb = rows.current(userId).map(UserEntity::toCached);
        fromDb.ifPresent(cache::putBack);
        return fromDb;
    }
}
