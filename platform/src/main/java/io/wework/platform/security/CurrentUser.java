package io.wework.platform.security;

import io.wework.common.api.DomainException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<AuthenticatedUser> optional() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AuthenticatedUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static AuthenticatedUser required() {
        return optional().orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHORIZED,
                "not_authenticated", "Not authenticated"));
    }
}
