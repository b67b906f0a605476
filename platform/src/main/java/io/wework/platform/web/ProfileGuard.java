package io.wework.platform.web;

import io.wework.identity.api.FindUserByIdQuery;
import io.wework.identity.api.UserView;
import io.wework.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Enforces {@link RequireProfile}; also usable directly through {@link #require(UserView, String...)}. */
@Configuration(proxyBeanMethods = false)
public class ProfileGuard implements WebMvcConfigurer {

    private final QueryGateway queries;

    public ProfileGuard(@Lazy QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method) {
                    RequireProfile onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequireProfile.class);
                    RequireProfile rule = onMethod != null ? onMethod
                            : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequireProfile.class);
                    if (rule != null) {
                        String userId = CurrentUser.required().userId();
                        Optional<UserView> user = queries.query(new FindUserByIdQuery(userId),
                                ResponseTypes.optionalInstanceOf(UserView.class)).orTimeout(10, TimeUnit.SECONDS).join();
                        require(user.orElseThrow(() -> new ProfileIncompleteException(List.of(rule.value()))), rule.value());
                    }
                }
                return true;
            }
        });
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

    private static final java.util.Map<String, Function<UserView, String>> FIELDS = java.util.Map.of(
            "full_name", UserView::fullName,
            "username", UserView::username,
            "email", UserView::email,
            "phone_number", UserView::phoneNumber,
            "bio", UserView::bio,
            "avatar", UserView::avatar);
}
