package io.wework.identity.query;

import io.wework.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class IdentityQueryConfig {

    @Bean
    AuthorizationRules identityQueryRules() {
        return registry -> registry.requestMatchers(HttpMethod.GET, "/api/auth/users/*/public",
                "/api/auth/users/username/*/public").permitAll();
    }
}
