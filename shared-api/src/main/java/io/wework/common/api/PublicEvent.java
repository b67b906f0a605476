package io.wework.common.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The public name of an event: what the {@code app_events} feed calls it ({@code "type"}), what the
 * audit trail stores and filters on ({@code event_type}), what a user's history and the dead-letter
 * listing show. The name is an API: it never follows a rename of the class. Form
 * {@code entity.action}, lower case, words joined by {@code _} ({@code user.registered},
 * {@code user.logged_in}, {@code telegram.settings_changed}); unique across all events. Every event
 * class carries it (a test fails otherwise).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicEvent {

    /** The public name, e.g. {@code user.registered}. */
    String value();
}
