package io.wework.identity.query;

import io.wework.identity.api.FindPublicProfileQuery;
import io.wework.identity.api.FindUserByIdQuery;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.PublicProfileView;
import io.wework.identity.api.UserView;
import io.wework.platform.messaging.QuerySender;
import io.wework.platform.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Profile reads through the query bus. */
@RestController
@RequestMapping("/api/auth")
public class UserQueryController {

    private final QuerySender queries;

    public UserQueryController(QuerySender queries) {
        this.queries = queries;
    }

    @GetMapping("/me")
    public UserView me() {
        String userId = CurrentUser.required().userId();
        return queries.askOptional(new FindUserByIdQuery(userId), UserView.class).orElseThrow(IdentityErrors::userNotFound);
    }

    @GetMapping("/users/{id}/public")
    public PublicProfileView publicById(@PathVariable("id") String id) {
        return queries.askOptional(FindPublicProfileQuery.byId(id), PublicProfileView.class).orElseThrow(IdentityErrors::userNotFound);
    }

    @GetMapping("/users/username/{username}/public")
    public PublicProfileView publicByUsername(@PathVariable("username") String username) {
        return queries.askOptional(FindPublicProfileQuery.byUsername(username), PublicProfileView.class)
                .orElseThrow(IdentityErrors::userNotFound);
    }
}
