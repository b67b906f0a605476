package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A super_admin changed the account's e-mail address or phone number ({@code changedBy}: the admin's user
 * id). Two effects: every session of the account ends (tokens issued before {@code changedAt} are
 * refused), and it is the notice to the account's owner, at the contact data the account had before
 * ({@code previousEmail}, {@code previousPhoneNumber}), for the notifications feature to deliver. The new
 * values are in the {@link UserEmailChangedEvent} / {@link UserPhoneChangedEvent} stored with it.
 */
@Revision("1")
@PublicEvent("user.contact_changed_by_admin")
public record UserContactChangedByAdminEvent(String userId, String changedBy, boolean emailChanged,
                                             boolean phoneChanged, String previousEmail, String previousPhoneNumber,
                                             Instant changedAt) {
}
