package io.wework.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A feature module's access rules (typically which of its endpoints are public). The platform
 * applies every such bean before its default: any other request needs an authenticated user,
 * and {@code /api/admin/**} needs an admin.
 */
@FunctionalInterface
public interface AuthorizationRules {

    void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry);
}
