package io.wework.identity.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import io.wework.identity.api.AdminUpdateUserCommand;
import io.wework.identity.api.AllSessionsEndedEvent;
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.BootstrapSuperAdminCommand;
import io.wework.identity.api.ChangePasswordCommand;
import io.wework.identity.api.ChangeTelegramSettingsCommand;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.LockOutUserCommand;
import io.wework.identity.api.LogOutCommand;
import io.wework.identity.api.PasswordChangedEvent;
import io.wework.identity.api.RefreshSessionCommand;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.SessionRefreshedEvent;
import io.wework.identity.api.SessionRevokedEvent;
import io.wework.identity.api.SessionStartedEvent;
import io.wework.identity.api.StartSessionCommand;
import io.wework.identity.api.TelegramSettingsChangedEvent;
import io.wework.identity.api.UpdateProfileCommand;
import io.wework.identity.api.UserActivatedEvent;
import io.wework.identity.api.UserDeactivatedEvent;
import io.wework.identity.api.UserEmailChangedEvent;
import io.wework.identity.api.UserLockedOutEvent;
import io.wework.identity.api.UserLoggedInEvent;
import io.wework.identity.api.UserPhoneChangedEvent;
import io.wework.identity.api.UserProfileUpdatedEvent;
import io.wework.identity.api.UserRegisteredEvent;
import io.wework.identity.api.UserRoleChangedEvent;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.common.api.MetadataKeys;
import io.wework.identity.api.ReleaseUnprovedPhoneCommand;
import io.wework.identity.api.UserContactChangedByAdminEvent;
import io.wework.identity.api.UserPhoneReleasedEvent;
import io.wework.identity.api.UserPhoneVerifiedEvent;
import io.wework.identity.api.VerifyPhoneCommand;
import io.wework.identity.api.UserUnlockedEvent;
import io.wework.identity.api.UserView;
import io.wework.identity.api.UsernameSetEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A WeWork account. Its events are the account's whole history. Snapshots (every
 * {@code wework.snapshots.user-threshold} events) are this object's fields as JSON.
 * Loaded users stay in {@code userAggregateCache}, which checks the event store for newer events on every
 * use, so a change made by another node is always applied before a command is decided here.
 * The {@link Revision} is the snapshots' shape: Axon ignores a snapshot of another revision and loads from
 * the events instead (revision 2 added {@code phoneVerified}).
 * <p>
 * A phone number is a login only once proved: by the OTP login that created the account, or by a code
 * the holder sends back ({@link VerifyPhoneCommand}). A phone set at sign-up or by an admin is held
 * unproved, and its owner's proof takes it away ({@link ReleaseUnprovedPhoneCommand}).
 */
@Aggregate(snapshotTriggerDefinition = "userSnapshotTrigger", cache = "userAggregateCache")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class User {

    @AggregateIdentifier
    private String id;
    private String email;
    private String phoneNumber;
    private boolean phoneVerified;
    private String passwordHash;
    private String username;
    private String fullName;
    private String bio;
    private String avatar;
    private Role role;
    private boolean active;
    private Instant lockedUntil;
    private boolean telegramEnabled;
    private String telegramBotToken;
    private String telegramChatId;
    private final Map<String, Session> sessions = new HashMap<>();

    /** A refresh-token family: the current hash and the spent ones (whose reuse betrays a theft). */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    private static final class Session {
        String currentHash;
        Instant expiresAt;
        final Set<String> spentHashes = new HashSet<>();

        @Override
        public boolean equals(Object o) {
            return o instanceof Session other && Objects.equals(currentHash, other.currentHash)
                    && Objects.equals(expiresAt, other.expiresAt) && spentHashes.equals(other.spentHashes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(currentHash, expiresAt, spentHashes);
        }
    }

    protected User() {
        // for Axon
    }

    @CommandHandler
    public User(RegisterUserCommand command, IdentityClaims claims, Clock clock) {
        if (command.email() == null && command.phoneNumber() == null) {
            throw new DomainException(DomainException.Kind.VALIDATION, "identity_required",
                    "An e-mail address or a phone number is required");
        }
        if (command.email() != null && claims.isTaken(IdentityClaims.Type.EMAIL, command.email())) {
            throw IdentityErrors.emailTaken();
        }
        if (command.phoneNumber() != null && claims.isTaken(IdentityClaims.Type.PHONE, command.phoneNumber())) {
            throw IdentityErrors.phoneTaken();
        }
        apply(new UserRegisteredEvent(command.userId(), command.email(), command.phoneNumber(),
                command.phoneNumber() != null && command.phoneVerified(), command.fullName(), command.passwordHash(),
                Role.USER, clock.instant()));
    }

    @CommandHandler
    public User(BootstrapSuperAdminCommand command, IdentityClaims claims, Clock clock) {
        if (claims.isTaken(IdentityClaims.Type.EMAIL, command.email())) {
            throw IdentityErrors.emailTaken();
        }
        apply(new UserRegisteredEvent(command.userId(), command.email(), null, false, null, command.passwordHash(),
                Role.SUPER_ADMIN, clock.instant()));
    }

    /**
     * The password was checked on the node that received it (see {@code PasswordCheck}); the command
     * carries only the digest of the hash it was checked against, so a password changed in between is
     * refused here like a wrong one.
     */
    @CommandHandler
    public AuthenticatedUser handle(AuthenticateUserCommand command, Clock clock, SessionPolicy policy) {
        Instant now = clock.instant();
        if (lockedUntil != null) {
            if (now.isBefore(lockedUntil)) {
                throw new TooManyRequestsException("account_locked", "Too many failed logins; try again later",
                        Duration.between(now, lockedUntil).toSeconds() + 1);
            }
            apply(new UserUnlockedEvent(id, "expired", now));
        }
        if (!isCurrentHash(command.checkedHashDigest())) {
            throw IdentityErrors.badCredentials();
        }
        if (!active) {
            throw IdentityErrors.inactive();
        }
        return startSession(command.method(), command.sessionId(), command.refreshTokenHash(), now, policy);
    }

    @CommandHandler
    public AuthenticatedUser handle(StartSessionCommand command, Clock clock, SessionPolicy policy) {
        if (!active) {
            throw IdentityErrors.inactive();
        }
        return startSession(command.method(), command.sessionId(), command.refreshTokenHash(), clock.instant(), policy);
    }

    private AuthenticatedUser startSession(String method, String sessionId, String refreshHash, Instant now,
                                           SessionPolicy policy) {
        apply(new UserLoggedInEvent(id, method, sessionId, now));
        apply(new SessionStartedEvent(id, sessionId, refreshHash, now.plus(policy.refreshTokenTtl()), now));
        return new AuthenticatedUser(id, role, sessionId);
    }

    /** @return the session's holder, or {@code null} when a spent token was replayed (the session is then revoked). */
    @CommandHandler
    public AuthenticatedUser handle(RefreshSessionCommand command, Clock clock, SessionPolicy policy) {
        Instant now = clock.instant();
        Session session = sessions.get(command.sessionId());
        if (session == null || !active) {
            throw IdentityErrors.invalidRefreshToken();
        }
        if (session.spentHashes.contains(command.presentedRefreshTokenHash())) {
            apply(new SessionRevokedEvent(id, command.sessionId(), "refresh_token_reuse", null, null, now));
            return null;
        }
        if (!session.currentHash.equals(command.presentedRefreshTokenHash()) || !now.isBefore(session.expiresAt)) {
            throw IdentityErrors.invalidRefreshToken();
        }
        apply(new SessionRefreshedEvent(id, command.sessionId(), session.currentHash, command.newRefreshTokenHash(),
                now.plus(policy.refreshTokenTtl()), now));
        return new AuthenticatedUser(id, role, command.sessionId());
    }

    @CommandHandler
    public void handle(LogOutCommand command, Clock clock) {
        apply(new SessionRevokedEvent(id, command.sessionId(), "logout", command.accessTokenId(),
                command.accessTokenExpiresAt(), clock.instant()));
    }

    /** The current password was checked on the node that received it, as for a login. */
    @CommandHandler
    public AuthenticatedUser handle(ChangePasswordCommand command, Clock clock, SessionPolicy policy) {
        if (!isCurrentHash(command.checkedHashDigest())) {
            throw new DomainException(DomainException.Kind.VALIDATION, "wrong_current_password",
                    "The current password is not correct");
        }
        Instant now = clock.instant();
        apply(new PasswordChangedEvent(id, command.newPasswordHash(), now));
        for (String other : new ArrayList<>(sessions.keySet())) {
            if (!other.equals(command.sessionId())) {
                apply(new SessionRevokedEvent(id, other, "password_changed", null, null, now));
            }
        }
        Session current = sessions.get(command.sessionId());
        if (current != null) {
            apply(new SessionRefreshedEvent(id, command.sessionId(), current.currentHash, command.newRefreshTokenHash(),
                    now.plus(policy.refreshTokenTtl()), now));
        } else {
            apply(new SessionStartedEvent(id, command.sessionId(), command.newRefreshTokenHash(),
                    now.plus(policy.refreshTokenTtl()), now));
        }
        return new AuthenticatedUser(id, role, command.sessionId());
    }

    /** @return the account as it stands after the change (the command's answer; no read-model round trip) */
    @CommandHandler
    public UserView handle(UpdateProfileCommand command, IdentityClaims claims, Clock clock) {
        Instant now = clock.instant();
        if (command.username() != null && !command.username().equals(username)) {
            if (username != null) {
                throw IdentityErrors.usernameAlreadySet();
            }
            if (claims.isTaken(IdentityClaims.Type.USERNAME, command.username())) {
                throw IdentityErrors.usernameTaken();
            }
            apply(new UsernameSetEvent(id, command.username(), now));
        }
        String newName = changed(command.fullName(), fullName);
        String newBio = changed(command.bio(), bio);
        String newAvatar = changed(command.avatar(), avatar);
        if (newName != null || newBio != null || newAvatar != null) {
            apply(new UserProfileUpdatedEvent(id, newName, newBio, newAvatar, now));
        }
        return view();
    }

    /** @return the settings after the change (the bot token still encrypted) */
    @CommandHandler
    public TelegramSettingsView handle(ChangeTelegramSettingsCommand command, Clock clock) {
        boolean enabled = command.enabled() != null ? command.enabled() : telegramEnabled;
        String token = command.encryptedBotToken() != null ? command.encryptedBotToken() : telegramBotToken;
        String chatId = command.chatId() != null ? command.chatId() : telegramChatId;
        if (enabled != telegramEnabled || !Objects.equals(token, telegramBotToken) || !Objects.equals(chatId, telegramChatId)) {
            apply(new TelegramSettingsChangedEvent(id, enabled, token, chatId, clock.instant()));
        }
        return new TelegramSettingsView(telegramEnabled, telegramBotToken, telegramChatId);
    }

    /** @return the account after the proof; 409 {@code phone_not_on_account} when the number is not the account's */
    @CommandHandler
    public UserView handle(VerifyPhoneCommand command, Clock clock) {
        if (phoneNumber == null || !phoneNumber.equals(command.phoneNumber())) {
            throw IdentityErrors.phoneNotOnAccount();
        }
        if (!phoneVerified) {
            apply(new UserPhoneVerifiedEvent(id, phoneNumber, clock.instant()));
        }
        return view();
    }

    /**
     * @return whether this account holds the phone <em>proved</em> (then nothing is released: the phone's
     * login is this account, whatever the claims table said)
     */
    @CommandHandler
    public boolean handle(ReleaseUnprovedPhoneCommand command, Clock clock) {
        if (phoneNumber == null || !phoneNumber.equals(command.phoneNumber())) {
            return false;
        }
        if (phoneVerified) {
            return true;
        }
        apply(new UserPhoneReleasedEvent(id, phoneNumber, command.reason(), clock.instant()));
        return false;
    }

    @CommandHandler
    public void handle(LockOutUserCommand command, Clock clock) {
        if (lockedUntil == null || lockedUntil.isBefore(command.until())) {
            apply(new UserLockedOutEvent(id, command.until(), command.failedAttempts(), clock.instant()));
        }
    }

    /**
     * An admin's change. Changing the e-mail address or the phone number is a super_admin's act (with either
     * an admin could move another account's login to an address or phone of their own); it ends every
     * session of the account and leaves a notice for its owner ({@link UserContactChangedByAdminEvent}). A
     * phone set here is unproved: no login until its owner proves it with a code.
     *
     * @param actorId the acting admin (the command's {@code actor_id}), named in the notice
     * @return the account as it stands after the change
     */
    @CommandHandler
    public UserView handle(AdminUpdateUserCommand command, IdentityClaims claims, SuperAdminGuard superAdmins, Clock clock,
                           @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId) {
        Role actor = command.actorRole();
        if (actor == null || !actor.isAdmin()) {
            throw IdentityErrors.forbidden("Only admins may change users");
        }
        if (role == Role.SUPER_ADMIN && actor != Role.SUPER_ADMIN) {
            throw IdentityErrors.forbidden("Only a super_admin may change a super_admin");
        }
        if (command.role() == Role.SUPER_ADMIN && role != Role.SUPER_ADMIN && actor != Role.SUPER_ADMIN) {
            throw IdentityErrors.forbidden("Only a super_admin may grant super_admin");
        }
        Instant now = clock.instant();
        boolean demoting = command.role() != null && role == Role.SUPER_ADMIN && command.role() != Role.SUPER_ADMIN;
        boolean deactivating = Boolean.FALSE.equals(command.active()) && active;
        if (role == Role.SUPER_ADMIN && active && (demoting || deactivating)) {
            superAdmins.ensureAnotherActiveSuperAdmin(id);
        }
        boolean emailChanges = command.email() != null && !command.email().equals(email);
        boolean phoneChanges = command.phoneNumber() != null && !command.phoneNumber().equals(phoneNumber);
        if ((emailChanges || phoneChanges) && actor != Role.SUPER_ADMIN) {
            throw IdentityErrors.contactChangeForbidden();
        }
        List<Object> events = new ArrayList<>();
        if (emailChanges) {
            if (claims.isTaken(IdentityClaims.Type.EMAIL, command.email())) {
                throw IdentityErrors.emailTaken();
            }
            events.add(new UserEmailChangedEvent(id, command.email(), email, now));
        }
        if (phoneChanges) {
            if (claims.isTaken(IdentityClaims.Type.PHONE, command.phoneNumber())) {
                throw IdentityErrors.phoneTaken();
            }
            events.add(new UserPhoneChangedEvent(id, command.phoneNumber(), phoneNumber, now));
        }
        String newName = changed(command.fullName(), fullName);
        if (newName != null) {
            events.add(new UserProfileUpdatedEvent(id, newName, null, null, now));
        }
        if (command.role() != null && command.role() != role) {
            events.add(new UserRoleChangedEvent(id, command.role(), role, now));
        }
        if (command.active() != null && command.active() != active) {
            events.add(command.active() ? new UserActivatedEvent(id, now) : new UserDeactivatedEvent(id, now));
        }
        if (emailChanges || phoneChanges) {
            events.add(new UserContactChangedByAdminEvent(id, actorId, emailChanges, phoneChanges,
                    emailChanges ? email : null, phoneChanges ? phoneNumber : null, now));
        }
        events.forEach(org.axonframework.modelling.command.AggregateLifecycle::apply);
        if (events.stream().anyMatch(UserDeactivatedEvent.class::isInstance)) {
            endAllSessions("deactivated", now);
        } else if (events.stream().anyMatch(UserRoleChangedEvent.class::isInstance)) {
            endAllSessions("role_changed", now);
        } else if (emailChanges || phoneChanges) {
            endAllSessions("contact_changed", now);
        } else if (events.stream().anyMatch(UserActivatedEvent.class::isInstance) && !sessions.isEmpty()) {
            // sessions left open by a deactivation stored before deactivations ended them: a restored account
            // must not revive them
            endAllSessions("reactivated", now);
        }
        return view();
    }

    /**
     * Ends every session of the account (the rule any command may invoke): their refresh tokens are refused
     * by this aggregate, their access tokens by the token guard on every node, and no later event brings them
     * back, since a session is only ever opened again by a new login, under a new id.
     */
    private void endAllSessions(String reason, Instant now) {
        apply(new AllSessionsEndedEvent(id, reason, now));
    }

    /** WeWork's {@code UserOut} of this account. */
    private UserView view() {
        return new UserView(id, email, phoneNumber, fullName, username, bio, avatar,
                role == null ? null : io.wework.identity.api.RoleView.of(role), active);
    }

    /** The account as it stood (no secrets: no password hash, no refresh-token hashes). */
    public record StateView(String id, String email, String phoneNumber, String fullName, String username, String bio,
                            String avatar, io.wework.identity.api.RoleView role, boolean isActive, Instant lockedUntil,
                            boolean telegramEnabled, int openSessions) {
    }

    /**
     * What a password is checked against, read on the node that received the password
     * ({@code StoredCredentials}); it never goes into a message.
     */
    record Credentials(String passwordHash, Instant lockedUntil) {
        @Override
        public String toString() {
            return "Credentials[lockedUntil=" + lockedUntil + "]";
        }
    }

    Credentials credentials() {
        return new Credentials(passwordHash, lockedUntil);
    }

    /**
     * What a command carries to say which password hash the receiving node checked the password
     * against: the SHA-256 of that hash (base64url). It identifies the hash without revealing it,
     * and reveals nothing of the password (the hash's salt is not in it).
     */
    static String digestOf(String passwordHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Whether {@code checkedHashDigest} names this account's current password hash (no password: never). */
    private boolean isCurrentHash(String checkedHashDigest) {
        return passwordHash != null && checkedHashDigest != null && MessageDigest.isEqual(
                digestOf(passwordHash).getBytes(StandardCharsets.UTF_8), checkedHashDigest.getBytes(StandardCharsets.UTF_8));
    }

    public StateView stateView() {
        return new StateView(id, email, phoneNumber, fullName, username, bio, avatar,
                role == null ? null : io.wework.identity.api.RoleView.of(role), active, lockedUntil, telegramEnabled,
                sessions.size());
    }

    private static String changed(String requested, String current) {
        return requested != null && !requested.equals(current) ? requested : null;
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        this.id = event.userId();
        this.email = event.email();
        this.phoneNumber = event.phoneNumber();
        this.phoneVerified = event.phoneVerified();
        this.fullName = event.fullName();
        this.passwordHash = event.passwordHash();
        this.role = event.role();
        this.active = true;
    }

    @EventSourcingHandler
    void on(SessionStartedEvent event) {
        Session session = new Session();
        session.currentHash = event.refreshTokenHash();
        session.expiresAt = event.expiresAt();
        sessions.put(event.sessionId(), session);
        pruneExpired(event.startedAt());
    }

    @EventSourcingHandler
    void on(SessionRefreshedEvent event) {
        Session session = sessions.computeIfAbsent(event.sessionId(), k -> new Session());
        if (event.previousRefreshTokenHash() != null) {
            session.spentHashes.add(event.previousRefreshTokenHash());
        }
        session.currentHash = event.refreshTokenHash();
        session.expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(SessionRevokedEvent event) {
        sessions.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(AllSessionsEndedEvent event) {
        sessions.clear();
    }

    @EventSourcingHandler
    void on(PasswordChangedEvent event) {
        this.passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(UsernameSetEvent event) {
        this.username = event.username();
    }

    @EventSourcingHandler
    void on(UserProfileUpdatedEvent event) {
        if (event.fullName() != null) {
            fullName = event.fullName();
        }
        if (event.bio() != null) {
            bio = event.bio();
        }
        if (event.avatar() != null) {
            avatar = event.avatar();
        }
    }

    @EventSourcingHandler
    void on(TelegramSettingsChangedEvent event) {
        telegramEnabled = event.enabled();
        telegramBotToken = event.encryptedBotToken();
        telegramChatId = event.chatId();
    }

    @EventSourcingHandler
    void on(UserLockedOutEvent event) {
        lockedUntil = event.until();
    }

    @EventSourcingHandler
    void on(UserUnlockedEvent event) {
        lockedUntil = null;
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(UserActivatedEvent event) {
        active = true;
    }

    @EventSourcingHandler
    void on(UserDeactivatedEvent event) {
        active = false;
    }

    @EventSourcingHandler
    void on(UserEmailChangedEvent event) {
        email = event.email();
    }

    @EventSourcingHandler
    void on(UserPhoneChangedEvent event) {
        phoneNumber = event.phoneNumber();
        phoneVerified = false;
    }

    @EventSourcingHandler
    void on(UserPhoneVerifiedEvent event) {
        phoneVerified = true;
    }

    @EventSourcingHandler
    void on(UserPhoneReleasedEvent event) {
        phoneNumber = null;
        phoneVerified = false;
    }

    /** Expired sessions (and their spent hashes) need not be remembered. */
    private void pruneExpired(Instant now) {
        sessions.values().removeIf(s -> s.expiresAt != null && s.expiresAt.isBefore(now));
    }
}
