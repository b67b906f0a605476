package io.wework.common.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of an event that is never shown outside the event store: a hash of a password or token, an
 * encrypted secret, a credential's identifier. The audit trail shows it as {@code ***}; the
 * {@code app_events} feed and a user's history leave it out. Only marked fields are treated so,
 * whatever their name: a gateway {@code code} stays visible, a web-push {@code auth} key marked
 * {@code @Sensitive} does not.
 *
 * <p>Put it on a record component (Java copies it to the record's field and accessor, where the event
 * serializer sees it) or on a field or getter of a class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface Sensitive {
}
