package io.wework.identity.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller method (or class): the caller's profile must have these {@code UserOut} fields
 * filled ({@code full_name}, {@code username}, {@code email}, {@code phone_number}, {@code bio},
 * {@code avatar}), else the request is answered 428 PROFILE_INCOMPLETE before the method runs.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequireProfile {
    String[] value();
}
