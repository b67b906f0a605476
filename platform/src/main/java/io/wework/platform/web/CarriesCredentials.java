package io.wework.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method whose answer carries credentials,
 * such as access and refresh tokens. {@link IdempotencyFilter} never keeps such an answer, so it is
 * never replayed to anyone: a repeat of the request runs again and meets the endpoint's own rules
 * (a spent one-time code, a rotated refresh token, a locked account).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CarriesCredentials {
}
