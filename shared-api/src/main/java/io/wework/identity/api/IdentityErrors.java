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

    public static DomainException invalidRefreshToken() {
        return new DomainException(Kind.UNAUTHORIZED, "invalid_refresh_token", "The refresh token is invalid, expired or revoked");
    }

    public static DomainException usernameTaken() {
        return new DomainException(Kind.CONFLICT, "username_taken", "This username is already taken");
    }

    public static DomainException usernameAlreadySet() {
        return new DomainException(Kind.CONFLICT, "username_already_set", "The username can be set only once");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, "forbidden", message);
    }

    public static DomainException lastSuperAdmin() {
        return new DomainException(Kind.CONFLICT, "last_super_admin",
                "The last active super_admin cannot be demoted or deactivated");
    }

    public static DomainException contactChangeForbidden() {
        return new DomainException(Kind.FORBIDDEN, "contact_change_forbidden",
                "Only a super_admin may change an account's e-mail address or phone number");
    }

    public static DomainException phoneNotOnAccount() {
        return new DomainException(Kind.CONFLICT, "phone_not_on_account",
                "This phone number is not the account's; only the account's own number can be proved");
    }

    public static DomainException userNotFound() {
        return new DomainException(Kind.NOT_FOUND, "user_not_found", "User not found");
    }
}
