package io.wework.identity.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
import io.wework.identity.api.ReleaseUnprovedPhoneCommand;
import io.wework.identity.api.UserActivatedEvent;
import io.wework.identity.api.UserContactChangedByAdminEvent;
import io.wework.identity.api.UserPhoneReleasedEvent;
import io.wework.identity.api.UserPhoneVerifiedEvent;
import io.wework.identity.api.VerifyPhoneCommand;
import io.wework.identity.api.UserDeactivatedEvent;
import io.wework.identity.api.UserEmailChangedEvent;
import io.wework.identity.api.UserLockedOutEvent;
import io.wework.identity.api.UserLoggedInEvent;
import io.wework.identity.api.UserPhoneChangedEvent;
import io.wework.identity.api.UserProfileUpdatedEvent;
import io.wework.identity.api.UserRegisteredEvent;
import io.wework.identity.api.UserRoleChangedEvent;
import io.wework.identity.api.UserUnlockedEvent;
import io.wework.identity.api.UsernameSetEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration REFRESH_TTL = Duration.ofDays(30);
    private static final PasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final String HASH = ENCODER.encode("s3cret-pass");
    /** What the receiving node sends once "s3cret-pass" matched HASH (the password itself never travels). */
    private static final String CHECKED = User.digestOf(HASH);
    private static final String ID = "0193f1b2-0000-7000-8000-000000000001";
    private static final String S1 = "11111111-1111-1111-1111-111111111111";
    private static final String S2 = "22222222-2222-2222-2222-222222222222";

    private AggregateTestFixture<User> fixture;
    private IdentityClaims claims;
    private SuperAdminGuard superAdmins;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        claims = mock(IdentityClaims.class);
        superAdmins = mock(SuperAdminGuard.class);
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(superAdmins);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new SessionPolicy(REFRESH_TTL));
    }

    private static UserRegisteredEvent registered() {
        return registered(Role.USER);
    }

    private static UserRegisteredEvent registered(Role role) {
        return new UserRegisteredEvent(ID, "ali@example.com", "09121234567", false, "Ali", HASH, role, NOW);
    }

    /** An account made by an OTP login: phone-only, the phone proved by the code. */
    private static UserRegisteredEvent phoneOnly() {
        return new UserRegisteredEvent(ID, null, "09121234567", true, null, null, Role.USER, NOW);
    }

    private static SessionStartedEvent started(String session, String hash) {
        return new SessionStartedEvent(ID, session, hash, NOW.plus(REFRESH_TTL), NOW);
    }

    @Nested
    class Registration {
        @Test
        void registersAnOrdinaryUser() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(ID, "ali@example.com", "09121234567", false, "Ali", HASH))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(registered());
        }

        @Test
        void registersAPhoneOnlyAccountWithoutPassword() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(ID, null, "09121234567", true, null, null))
                    .expectEvents(phoneOnly());
        }


        @Test
        void refusesATakenEmail() {
            when(claims.isTaken(IdentityClaims.Type.EMAIL, "ali@example.com")).thenReturn(true);
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(ID, "ali@example.com", null, false, null, HASH))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("This e-mail address is already registered")
                    .expectNoEvents();
        }

        @Test
        void refusesATakenPhone() {
            when(claims.isTaken(eq(IdentityClaims.Type.PHONE), any())).thenReturn(true);
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(ID, "ali@example.com", "09121234567", false, null, HASH))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("This phone number is already registered")
                    .expectNoEvents();
        }

        @Test
        void refusesAnAccountWithoutEmailOrPhone() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterUserCommand(ID, null, null, false, "Nobody", HASH))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void bootstrapCreatesASuperAdmin() {
            fixture.givenNoPriorActivity()
                    .when(new BootstrapSuperAdminCommand(ID, "root@example.com", HASH))
                    .expectEvents(new UserRegisteredEvent(ID, "root@example.com", null, false, null, HASH, Role.SUPER_ADMIN, NOW));
        }

        @Test
        void bootstrapCreatesNoSecondAccountForATakenEmail() {
            when(claims.isTaken(IdentityClaims.Type.EMAIL, "root@example.com")).thenReturn(true);
            fixture.givenNoPriorActivity()
                    .when(new BootstrapSuperAdminCommand(ID, "root@example.com", HASH))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class PasswordLogin {
        @Test
        void theRightPasswordOpensASession() {
            fixture.given(registered())
                    .when(new AuthenticateUserCommand(ID, CHECKED, "password", S1, "h1"))
                    .expectResultMessagePayload(new AuthenticatedUser(ID, Role.USER, S1))
                    .expectEvents(new UserLoggedInEvent(ID, "password", S1, NOW), started(S1, "h1"));
        }

        @Test
        void aCheckAgainstAnotherHashIsRefusedAndRecordsNothing() {
            fixture.given(registered())
                    .when(new AuthenticateUserCommand(ID, User.digestOf(ENCODER.encode("s3cret-pass")), "password", S1, "h1"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Incorrect username or password")
                    .expectNoEvents();
            fixture.given(registered())
                    .when(new AuthenticateUserCommand(ID, null, "password", S1, "h1"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Incorrect username or password")
                    .expectNoEvents();
        }

        @Test
        void aPasswordChangedSinceTheCheckIsRefused() {
            fixture.given(registered(), new PasswordChangedEvent(ID, ENCODER.encode("n3w-password"), NOW))
                    .when(new AuthenticateUserCommand(ID, CHECKED, "password", S1, "h1"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Incorrect username or password")
                    .expectNoEvents();
        }

        @Test
        void aPhoneOnlyAccountHasNoPasswordLogin() {
            fixture.given(phoneOnly())
                    .when(new AuthenticateUserCommand(ID, CHECKED, "password", S1, "h1"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void theCredentialsAreTheCurrentHashAndLock() {
            User user = new User();
            user.on(registered());
            assertThat(user.credentials()).isEqualTo(new User.Credentials(HASH, null));
            user.on(new UserLockedOutEvent(ID, NOW.plusSeconds(600), 5, NOW));
            String newHash = ENCODER.encode("n3w-password");
            user.on(new PasswordChangedEvent(ID, newHash, NOW));
            assertThat(user.credentials()).isEqualTo(new User.Credentials(newHash, NOW.plusSeconds(600)));
            assertThat(user.credentials().toString()).doesNotContain(newHash);
        }

        @Test
        void theDigestNamesTheHashWithoutRevealingIt() {
            assertThat(User.digestOf(HASH)).isEqualTo(CHECKED).doesNotContain(HASH.substring(7))
                    .matches("[A-Za-z0-9_-]{43}");
            assertThat(User.digestOf(ENCODER.encode("s3cret-pass"))).isNotEqualTo(CHECKED);
        }

        @Test
        void aDeactivatedAccountCannotLogIn() {
            fixture.given(registered(), new UserDeactivatedEvent(ID, NOW))
                    .when(new AuthenticateUserCommand(ID, CHECKED, "password", S1, "h1"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("This account is deactivated")
                    .expectNoEvents();
        }

        @Test
        void aLockedAccountIsRefusedEvenWithTheRightPassword() {
            fixture.given(registered(), new UserLockedOutEvent(ID, NOW.plusSeconds(600), 5, NOW))
                    .when(new AuthenticateUserCommand(ID, CHECKED, "password", S1, "h1"))
                    .expectException(TooManyRequestsException.class)
                    .expectNoEvents();
        }

        @Test
        void anExpiredLockIsLiftedByAnEventOnTheNextLogin() {
            fixture.given(registered(), new UserLockedOutEvent(ID, NOW.minusSeconds(1), 5, NOW.minusSeconds(900)))
                    .when(new AuthenticateUserCommand(ID, CHECKED, "password", S1, "h1"))
                    .expectEvents(new UserUnlockedEvent(ID, "expired", NOW), new UserLoggedInEvent(ID, "password", S1, NOW),
                            started(S1, "h1"));
        }

        @Test
        void lockingOut() {
            fixture.given(registered())
                    .when(new LockOutUserCommand(ID, NOW.plusSeconds(900), 5))
                    .expectEvents(new UserLockedOutEvent(ID, NOW.plusSeconds(900), 5, NOW));
        }

        @Test
        void anOtpSessionNeedsAnActiveAccount() {
            fixture.given(registered())
                    .when(new StartSessionCommand(ID, "otp", S1, "h1"))
                    .expectEvents(new UserLoggedInEvent(ID, "otp", S1, NOW), started(S1, "h1"));
            fixture.given(registered(), new UserDeactivatedEvent(ID, NOW))
                    .when(new StartSessionCommand(ID, "otp", S1, "h1"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Sessions {
        @Test
        void aRefreshRotatesTheToken() {
            fixture.given(registered(), started(S1, "h1"))
                    .when(new RefreshSessionCommand(ID, S1, "h1", "h2"))
                    .expectResultMessagePayload(new AuthenticatedUser(ID, Role.USER, S1))
                    .expectEvents(new SessionRefreshedEvent(ID, S1, "h1", "h2", NOW.plus(REFRESH_TTL), NOW));
        }

        @Test
        void reusingASpentTokenRevokesTheWholeSession() {
            fixture.given(registered(), started(S1, "h1"), new SessionRefreshedEvent(ID, S1, "h1", "h2", NOW.plus(REFRESH_TTL), NOW))
                    .when(new RefreshSessionCommand(ID, S1, "h1", "h3"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(null)
                    .expectEvents(new SessionRevokedEvent(ID, S1, "refresh_token_reuse", null, null, NOW));
        }

        @Test
        void aRevokedSessionCannotBeRefreshed() {
            fixture.given(registered(), started(S1, "h1"), new SessionRevokedEvent(ID, S1, "logout", null, null, NOW))
                    .when(new RefreshSessionCommand(ID, S1, "h1", "h2"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void anUnknownTokenIsRefused() {
            fixture.given(registered(), started(S1, "h1"))
                    .when(new RefreshSessionCommand(ID, S1, "forged", "h2"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void anExpiredSessionCannotBeRefreshed() {
            fixture.given(registered(), new SessionStartedEvent(ID, S1, "h1", NOW.minusSeconds(1), NOW.minus(REFRESH_TTL)))
                    .when(new RefreshSessionCommand(ID, S1, "h1", "h2"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void aDeactivatedAccountCannotRefresh() {
            fixture.given(registered(), started(S1, "h1"), new UserDeactivatedEvent(ID, NOW))
                    .when(new RefreshSessionCommand(ID, S1, "h1", "h2"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void logoutRevokesTheSessionAndNamesTheAccessToken() {
            fixture.given(registered(), started(S1, "h1"))
                    .when(new LogOutCommand(ID, S1, "jti-1", NOW.plusSeconds(3600)))
                    .expectEvents(new SessionRevokedEvent(ID, S1, "logout", "jti-1", NOW.plusSeconds(3600), NOW));
        }

        @Test
        void aPasswordChangeEndsEveryOtherSession() {
            String newHash = ENCODER.encode("n3w-password");
            fixture.given(registered(), started(S1, "h1"), started(S2, "k1"))
                    .when(new ChangePasswordCommand(ID, CHECKED, newHash, S1, "h2"))
                    .expectResultMessagePayload(new AuthenticatedUser(ID, Role.USER, S1))
                    .expectEvents(new PasswordChangedEvent(ID, newHash, NOW),
                            new SessionRevokedEvent(ID, S2, "password_changed", null, null, NOW),
                            new SessionRefreshedEvent(ID, S1, "h1", "h2", NOW.plus(REFRESH_TTL), NOW));
        }

        @Test
        void aPasswordChangeNeedsTheCurrentPassword() {
            fixture.given(registered(), started(S1, "h1"))
                    .when(new ChangePasswordCommand(ID, User.digestOf(ENCODER.encode("not-it-1")), "x", S1, "h2"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("The current password is not correct")
                    .expectNoEvents();
            // checked against the hash a concurrent change has just replaced
            fixture.given(registered(), started(S1, "h1"), new PasswordChangedEvent(ID, ENCODER.encode("n3w-password"), NOW))
                    .when(new ChangePasswordCommand(ID, CHECKED, "x", S1, "h2"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("The current password is not correct")
                    .expectNoEvents();
        }
    }

    @Nested
    class Profile {
        @Test
        void theUsernameIsSetOnce() {
            fixture.given(registered())
                    .when(new UpdateProfileCommand(ID, null, "ali", null, null))
                    .expectEvents(new UsernameSetEvent(ID, "ali", NOW));
            fixture.given(registered(), new UsernameSetEvent(ID, "ali", NOW))
                    .when(new UpdateProfileCommand(ID, null, "other", null, null))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("The username can be set only once")
                    .expectNoEvents();
        }

        @Test
        void sendingTheSameUsernameAgainChangesNothing() {
            fixture.given(registered(), new UsernameSetEvent(ID, "ali", NOW))
                    .when(new UpdateProfileCommand(ID, null, "ali", null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aTakenUsernameIsRefused() {
            when(claims.isTaken(IdentityClaims.Type.USERNAME, "ali")).thenReturn(true);
            fixture.given(registered())
                    .when(new UpdateProfileCommand(ID, null, "ali", null, null))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("This username is already taken")
                    .expectNoEvents();
        }

        @Test
        void onlyChangedFieldsAreRecorded() {
            fixture.given(registered())
                    .when(new UpdateProfileCommand(ID, "Ali", null, "bio", null))
                    .expectEvents(new UserProfileUpdatedEvent(ID, null, "bio", null, NOW));
        }

        @Test
        void telegramSettingsKeepWhatIsNotSent() {
            fixture.given(registered(), new TelegramSettingsChangedEvent(ID, true, "v1:enc", "42", NOW))
                    .when(new ChangeTelegramSettingsCommand(ID, false, null, null))
                    .expectEvents(new TelegramSettingsChangedEvent(ID, false, "v1:enc", "42", NOW));
        }
    }

    @Nested
    class Administration {
        @Test
        void anAdminChangesAnOrdinaryUser() {
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, Role.ADMIN, false, "Ali R", null, null))
                    .expectEvents(new UserProfileUpdatedEvent(ID, "Ali R", null, null, NOW),
                            new UserRoleChangedEvent(ID, Role.ADMIN, Role.USER, NOW),
                            new UserDeactivatedEvent(ID, NOW),
                            new AllSessionsEndedEvent(ID, "deactivated", NOW));
        }

        @Test
        void aSuperAdminChangesContactDataEndingEverySessionWithANoticeToTheOwner() {
            when(claims.isTaken(any(), any())).thenReturn(false);
            fixture.given(registered(), started(S1, "h1"), started(S2, "h2"))
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, null, null, "Ali R", "09120000000", "new@example.com"),
                            java.util.Map.of("actor_id", "root-id"))
                    .expectEvents(new UserEmailChangedEvent(ID, "new@example.com", "ali@example.com", NOW),
                            new UserPhoneChangedEvent(ID, "09120000000", "09121234567", NOW),
                            new UserProfileUpdatedEvent(ID, "Ali R", null, null, NOW),
                            new UserContactChangedByAdminEvent(ID, "root-id", true, true, "ali@example.com", "09121234567", NOW),
                            new AllSessionsEndedEvent(ID, "contact_changed", NOW))
                    .expectState(user -> assertThat(user.stateView().openSessions()).isZero());
        }

        @Test
        void theNoticeNamesOnlyWhatChanged() {
            when(claims.isTaken(any(), any())).thenReturn(false);
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, null, null, null, "09120000000", "ali@example.com"),
                            java.util.Map.of("actor_id", "root-id"))
                    .expectEvents(new UserPhoneChangedEvent(ID, "09120000000", "09121234567", NOW),
                            new UserContactChangedByAdminEvent(ID, "root-id", false, true, null, "09121234567", NOW),
                            new AllSessionsEndedEvent(ID, "contact_changed", NOW));
        }

        @Test
        void aPlainAdminChangesNoEmailAndNoPhone() {
            when(claims.isTaken(any(), any())).thenReturn(false);
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, null, null, "09120000000", null))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Only a super_admin may change an account's e-mail address or phone number")
                    .expectNoEvents();
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, null, "Ali R", null, "new@example.com"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void aPlainAdminMaySendTheValuesTheAccountAlreadyHas() {
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, null, "Ali R", "09121234567", "ali@example.com"))
                    .expectEvents(new UserProfileUpdatedEvent(ID, "Ali R", null, null, NOW));
        }

        @Test
        void anOrdinaryUserChangesNobody() {
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.USER, Role.ADMIN, null, null, null, null))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void onlyASuperAdminGrantsSuperAdmin() {
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, Role.SUPER_ADMIN, null, null, null, null))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Only a super_admin may grant super_admin")
                    .expectNoEvents();
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, Role.SUPER_ADMIN, null, null, null, null))
                    .expectEvents(new UserRoleChangedEvent(ID, Role.SUPER_ADMIN, Role.USER, NOW),
                            new AllSessionsEndedEvent(ID, "role_changed", NOW));
        }

        @Test
        void anAdminCannotTouchASuperAdmin() {
            fixture.given(registered(Role.SUPER_ADMIN))
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, false, null, null, null))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("Only a super_admin may change a super_admin")
                    .expectNoEvents();
        }

        @Test
        void theLastSuperAdminCannotBeDemoted() {
            doThrow(IdentityErrors.lastSuperAdmin()).when(superAdmins).ensureAnotherActiveSuperAdmin(ID);
            fixture.given(registered(Role.SUPER_ADMIN))
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, Role.ADMIN, null, null, null, null))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("The last active super_admin cannot be demoted or deactivated")
                    .expectNoEvents();
        }

        @Test
        void theLastSuperAdminCannotBeDeactivated() {
            doThrow(IdentityErrors.lastSuperAdmin()).when(superAdmins).ensureAnotherActiveSuperAdmin(ID);
            fixture.given(registered(Role.SUPER_ADMIN))
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, null, false, null, null, null))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void aSuperAdminWithAPeerCanBeDemoted() {
            fixture.given(registered(Role.SUPER_ADMIN))
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, Role.USER, null, null, null, null))
                    .expectEvents(new UserRoleChangedEvent(ID, Role.USER, Role.SUPER_ADMIN, NOW),
                            new AllSessionsEndedEvent(ID, "role_changed", NOW));
        }

        @Test
        void aTakenEmailIsRefused() {
            when(claims.isTaken(IdentityClaims.Type.EMAIL, "taken@example.com")).thenReturn(true);
            fixture.given(registered())
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, null, null, null, null, "taken@example.com"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("This e-mail address is already registered")
                    .expectNoEvents();
        }

        @Test
        void reactivation() {
            fixture.given(registered(), new UserDeactivatedEvent(ID, NOW), new AllSessionsEndedEvent(ID, "deactivated", NOW))
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, true, null, null, null))
                    .expectEvents(new UserActivatedEvent(ID, NOW));
        }

        @Test
        void aDeactivationEndsEverySession() {
            fixture.given(registered(), started(S1, "h1"), started(S2, "k1"))
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, false, null, null, null))
                    .expectEvents(new UserDeactivatedEvent(ID, NOW), new AllSessionsEndedEvent(ID, "deactivated", NOW));
        }

        @Test
        void aReactivationRevivesNoRefreshToken() {
            fixture.given(registered(), started(S1, "h1"), new UserDeactivatedEvent(ID, NOW),
                            new AllSessionsEndedEvent(ID, "deactivated", NOW), new UserActivatedEvent(ID, NOW))
                    .when(new RefreshSessionCommand(ID, S1, "h1", "h2"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void aRoleChangeEndsEverySessionAndTheOldRoleGivenBackRevivesNone() {
            fixture.given(registered(), started(S1, "h1"))
                    .when(new AdminUpdateUserCommand(ID, Role.SUPER_ADMIN, Role.ADMIN, null, null, null, null))
                    .expectEvents(new UserRoleChangedEvent(ID, Role.ADMIN, Role.USER, NOW),
                            new AllSessionsEndedEvent(ID, "role_changed", NOW));
            fixture.given(registered(), started(S1, "h1"), new UserRoleChangedEvent(ID, Role.ADMIN, Role.USER, NOW),
                            new AllSessionsEndedEvent(ID, "role_changed", NOW), new UserRoleChangedEvent(ID, Role.USER, Role.ADMIN, NOW),
                            new AllSessionsEndedEvent(ID, "role_changed", NOW))
                    .when(new RefreshSessionCommand(ID, S1, "h1", "h2"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void aReactivationEndsTheSessionsAnOlderDeactivationLeftOpen() {
            // history stored before deactivations ended sessions: the session survived the deactivation
            fixture.given(registered(), started(S1, "h1"), new UserDeactivatedEvent(ID, NOW))
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, true, null, null, null))
                    .expectEvents(new UserActivatedEvent(ID, NOW), new AllSessionsEndedEvent(ID, "reactivated", NOW));
        }

        @Test
        void aChangeThatTouchesNeitherRoleNorActivationLeavesTheSessions() {
            fixture.given(registered(), started(S1, "h1"))
                    .when(new AdminUpdateUserCommand(ID, Role.ADMIN, null, null, "Ali R", null, null))
                    .expectEvents(new UserProfileUpdatedEvent(ID, "Ali R", null, null, NOW));
        }

        @Test
        void aNewLoginAfterEverySessionEndedOpensOne() {
            fixture.given(registered(), started(S1, "h1"), new AllSessionsEndedEvent(ID, "role_changed", NOW))
                    .when(new StartSessionCommand(ID, "otp", S2, "k1"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(new AuthenticatedUser(ID, Role.USER, S2));
        }
    }

    @Nested
    class PhoneProof {
        @Test
        void aCodeProvesTheAccountsOwnPhoneOnce() {
            fixture.given(registered())
                    .when(new VerifyPhoneCommand(ID, "09121234567"))
                    .expectEvents(new UserPhoneVerifiedEvent(ID, "09121234567", NOW))
                    .expectResultMessagePayload(new io.wework.identity.api.UserView(ID, "ali@example.com", "09121234567", "Ali",
                            null, null, null, io.wework.identity.api.RoleView.of(Role.USER), true));
            fixture.given(registered(), new UserPhoneVerifiedEvent(ID, "09121234567", NOW))
                    .when(new VerifyPhoneCommand(ID, "09121234567"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(phoneOnly())
                    .when(new VerifyPhoneCommand(ID, "09121234567"))
                    .expectNoEvents();
        }

        @Test
        void anotherNumberCannotBeProvedOntoTheAccount() {
            fixture.given(registered())
                    .when(new VerifyPhoneCommand(ID, "09129999999"))
                    .expectException(DomainException.class)
                    .expectExceptionMessage("This phone number is not the account's; only the account's own number can be proved")
                    .expectNoEvents();
            fixture.given(registered(), new UserPhoneReleasedEvent(ID, "09121234567", "proved_by_another_account", NOW))
                    .when(new VerifyPhoneCommand(ID, "09121234567"))
                    .expectException(DomainException.class)
                    .expectNoEvents();
        }

        @Test
        void anUnprovedPhoneIsReleasedWhenItsOwnerProvesItElsewhere() {
            fixture.given(registered())
                    .when(new ReleaseUnprovedPhoneCommand(ID, "09121234567", "proved_by_another_account"))
                    .expectEvents(new UserPhoneReleasedEvent(ID, "09121234567", "proved_by_another_account", NOW))
                    .expectResultMessagePayload(false)
                    .expectState(user -> assertThat(user.stateView().phoneNumber()).isNull());
        }

        @Test
        void aProvedPhoneIsNeverReleased() {
            fixture.given(phoneOnly())
                    .when(new ReleaseUnprovedPhoneCommand(ID, "09121234567", "proved_by_another_account"))
                    .expectNoEvents()
                    .expectResultMessagePayload(true);
            fixture.given(registered(), new UserPhoneVerifiedEvent(ID, "09121234567", NOW))
                    .when(new ReleaseUnprovedPhoneCommand(ID, "09121234567", "proved_by_another_account"))
                    .expectNoEvents()
                    .expectResultMessagePayload(true);
            // a number the account no longer holds
            fixture.given(registered())
                    .when(new ReleaseUnprovedPhoneCommand(ID, "09129999999", "proved_by_another_account"))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aPhoneAnAdminSetsIsUnprovedEvenOnAPhoneOnlyAccount() {
            fixture.given(phoneOnly(), new UserPhoneChangedEvent(ID, "09120000000", "09121234567", NOW))
                    .when(new ReleaseUnprovedPhoneCommand(ID, "09120000000", "proved_by_another_account"))
                    .expectEvents(new UserPhoneReleasedEvent(ID, "09120000000", "proved_by_another_account", NOW));
            fixture.given(phoneOnly(), new UserPhoneChangedEvent(ID, "09120000000", "09121234567", NOW))
                    .when(new VerifyPhoneCommand(ID, "09120000000"))
                    .expectEvents(new UserPhoneVerifiedEvent(ID, "09120000000", NOW));
        }
    }
}
