package io.wework.identity.query;

import io.wework.identity.api.FindUserByIdQuery;
import io.wework.identity.api.ProfileIncompleteException;
import io.wework.identity.api.RequireProfile;
import io.wework.identity.api.UserView;
import io.wework.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequireProfile} before a controller method runs (registered by
 * {@link ProfileGuardRegistration}); also usable directly through {@link #require(UserView, String...)}.
 * It reads the caller through {@link UserQueryHandler}, the handler that answers
 * {@link FindUserByIdQuery} in this module (the local query bus ran it on the caller's thread all the
 * same), not through the query gateway: Spring MVC creates its interceptors while it sets itself up,
 * and the gateway would make that build Axon's whole configuration (query bus, event store, every
 * configurer module), an edge back into the rest of the application that used to hide behind a
 * {@code @Lazy} proxy.
 */
@Component
public class ProfileGuard implements HandlerInterceptor {

    private final UserQueryHandler users;

    public ProfileGuard(UserQueryHandler users) {
        this.users = users;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            RequireProfile onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequireProfile.class);
            RequireProfile rule = onMethod != null ? onMethod
                    : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequireProfile.class);
            if (rule != null) {
                String userId = CurrentUser.required().userId();
                UserView user = users.handle(new FindUserByIdQuery(userId))
                        .orElseThrow(() -> new ProfileIncompleteException(List.of(rule.value())));
                require(user, rule.value());
            }
        }
        return true;
    }

    /** Throws {@link ProfileIncompleteException} naming every listed field that is empty. */
    public static void require(UserView user, String... fields) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            String value = FIELDS.getOrDefault(field, u -> {
                throw new IllegalArgumentException("Unknown profile field " + field);
            }).apply(user);
            if (value == null || value.isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new ProfileIncompleteException(missing);
        }
    }

    private static final Map<String, Function<UserView, String>> FIELDS = Map.of(
            "full_name", UserView::fullName,
            "username", UserView::username,
            "email", UserView::email,
            "phone_number", UserView::phoneNumber,
            "bio", UserView::bio,
            "avatar", UserView::avatar);
}
