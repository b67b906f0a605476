package io.wework.identity.query;

import io.wework.identity.api.FindPublicProfileQuery;
import io.wework.identity.api.FindUserByIdQuery;
import io.wework.identity.api.PublicProfileView;
import io.wework.identity.api.UserView;
import io.wework.identity.projection.CachedUser;
import io.wework.identity.projection.UserCache;
import io.wework.identity.projection.UserEntity;
import io.wework.identity.projection.UserViewRepository;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Serves user reads from Redis, falling back to {@code users_view} (and filling the cache). */
@Component
public class UserQueryHandler {

    private final UserViewRepository users;
    private final UserCache cache;

    public UserQueryHandler(UserViewRepository users, UserCache cache) {
        this.users = users;
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
            user = users.findByUsername(query.username()).map(UserEntity::toCached);
        }
        return user.filter(CachedUser::active).map(CachedUser::toPublic);
    }

    private Optional<CachedUser> load(String userId) {
        Optional<CachedUser> cached = cache.get(userId);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<CachedUser> fromDb = users.findById(userId).map(UserEntity::toCached);
        fromDb.ifPresent(cache::putIfAbsent);
        return fromDb;
    }
}
