package io.wework.identity.api;

import io.wework.common.api.DomainException;
import io.wework.common.api.DomainException.Kind;

/** The identity context's refusals, each with a stable code. */
public final class IdentityErrors {

    private IdentityErrors() {
    }

    public static DomainException emailTaken() {
        return new DomainException(Kind.CONFLICT, "email_taken", "This e-mail address is already registered");
    }

    public static DomainException phoneTaken() {
        return new DomainException(Kind.CONFLICT, "phone_taken", "This phone number is already registered");
    }

    public static DomainException badCredentials() {
        return new DomainException(Kind.UNAUTHORIZED, "bad_credentials", "Incorrect username or password");
    }

    public static DomainException inactive() {
        return new DomainException(Kind.FORBIDDEN, "account_inactive", "This account is deactivated");
    }

    public static DomainException userNotFound() {
        return new DomainException(Kind.NOT_FOUND, "user_not_found", "User not found");
    }
}
