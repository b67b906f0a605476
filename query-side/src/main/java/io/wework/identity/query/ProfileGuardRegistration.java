package io.wework.identity.query;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link ProfileGuard} in front of every Spring MVC handler. */
@Configuration(proxyBeanMethods = false)
class ProfileGuardRegistration implements WebMvcConfigurer {

    private final ProfileGuard guard;

    ProfileGuardRegistration(ProfileGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard);
    }
}
