package io.wework.identity.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.ReleaseUnprovedPhoneCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.UserView;
import io.wework.platform.messaging.CommandSender;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RegistrationTest {

    private static final String PHONE = "09120000001";

    private final PasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private final CommandSender commands = mock(CommandSender.class);
    private final IdentityClaims claims = mock(IdentityClaims.class);
    private final RegistrationThrottle throttle = mock(RegistrationThrottle.class);
    private final Registration registration = new Registration(commands, claims, new PasswordHasher(encoder), throttle);
    private static final String IP = "203.0.113.7";

    @Test
    void aSignUpSendsTheNormalisedAccountWithAHashedPassword() {
        UserView view = registration.register("  Ann@Example.COM ", "s3cret-pass", "  ", PHONE, IP);

        RegisterUserCommand command = sent();
        assertThat(command.email()).isEqualTo("ann@example.com");
        assertThat(command.fullName()).isNull();
        assertThat(command.phoneNumber()).isEqualTo(PHONE);
        assertThat(command.passwordHash()).isNotEqualTo("s3cret-pass");
        assertThat(encoder.matches("s3cret-pass", command.passwordHash())).isTrue();
        assertThat(view).isEqualTo(new UserView(command.userId(), "ann@example.com", PHONE, null, null, null, null,
                RoleView.of(Role.USER), true));
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedAndNothingIsSent() {
        String seventyFourBytes = "é".repeat(37); // 37 characters, 74 bytes in UTF-8
        assertThatThrownBy(() -> registration.register("ann@example.com", seventyFourBytes, null, null, IP))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(e.getMessage()).isEqualTo("password: must be at most 72 bytes long");
                });
        verifyNoInteractions(commands, throttle);
        registration.register("ann@example.com", "é".repeat(36), null, null, IP); // 72 bytes: fine
    }

    @Test
    void aSignUpIsChargedToItsAddressBeforeAnythingCostly() {
        TooManyRequestsException limited = new TooManyRequestsException("too_many_registrations", "later", 600);
        PasswordEncoder watched = spy(encoder);
        Registration watchedRegistration = new Registration(commands, claims, new PasswordHasher(watched), throttle);
        doThrow(limited).when(throttle).charge(IP);
        assertThatThrownBy(() -> watchedRegistration.register("ann@example.com", "s3cret-pass", null, null, IP))
                .isSameAs(limited);
        verifyNoInteractions(claims, commands, watched);
    }

    @Test
    void aTakenEmailIsRefusedBeforeThePasswordIsHashed() {
        PasswordEncoder watched = spy(encoder);
        Registration watchedRegistration = new Registration(commands, claims, new PasswordHasher(watched), throttle);
        when(claims.isTaken(IdentityClaims.Type.EMAIL, "ann@example.com")).thenReturn(true);
        assertThatThrownBy(() -> watchedRegistration.register(" ANN@example.com", "s3cret-pass", null, null, IP))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("email_taken"));
        verify(throttle).charge(IP);
        verifyNoInteractions(commands, watched);
    }

    @Test
    void aSignUpHoldsItsPhoneUnproved() {
        registration.register("ann@example.com", "s3cret-pass", null, PHONE, IP);
        assertThat(sent().phoneVerified()).isFalse();
    }

    @Test
    void aProvedPhoneNoAccountHoldsBecomesAPhoneOnlyAccount() {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.empty());
        String userId = registration.accountForProvedPhone(PHONE, " Ann ");
        RegisterUserCommand command = sent();
        assertThat(userId).isEqualTo(command.userId());
        assertThat(command.email()).isNull();
        assertThat(command.passwordHash()).isNull();
        assertThat(command.phoneNumber()).isEqualTo(PHONE);
        assertThat(command.phoneVerified()).isTrue();
        assertThat(command.fullName()).isEqualTo("Ann");
        verify(commands, never()).sendAs(any(), any());
    }

    @Test
    void theAccountThatProvedThePhoneIsTheAnswer() {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.of(new IdentityClaims.PhoneHolder("owner", true)));
        assertThat(registration.accountForProvedPhone(PHONE, null)).isEqualTo("owner");
        verifyNoInteractions(commands);
    }

    @Test
    void anAccountHoldingThePhoneUnprovedLosesItToTheProof() {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.of(new IdentityClaims.PhoneHolder("squatter", false)));
        when(commands.sendAs(any(ReleaseUnprovedPhoneCommand.class), any())).thenReturn(false);

        String userId = registration.accountForProvedPhone(PHONE, null);

        var order = inOrder(commands);
        order.verify(commands).sendAs(new ReleaseUnprovedPhoneCommand("squatter", PHONE, "proved_by_another_account"),
                "system:phone_proof");
        ArgumentCaptor<RegisterUserCommand> registered = ArgumentCaptor.forClass(RegisterUserCommand.class);
        order.verify(commands).send(registered.capture());
        assertThat(userId).isEqualTo(registered.getValue().userId()).isNotEqualTo("squatter");
        assertThat(registered.getValue().phoneVerified()).isTrue();
    }

    @Test
    void aHolderWhoseOwnEventsSayItProvedThePhoneKeepsIt() {
        // a claim stored unproved for an account that did prove the phone: its events decide
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.of(new IdentityClaims.PhoneHolder("owner", false)));
        when(commands.sendAs(any(ReleaseUnprovedPhoneCommand.class), any())).thenReturn(true);
        assertThat(registration.accountForProvedPhone(PHONE, null)).isEqualTo("owner");
        verify(commands, never()).send(any());
    }

    @Test
    void losingTheRaceToAnotherProofAnswersTheAccountThatWon() {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.empty(),
                Optional.of(new IdentityClaims.PhoneHolder("winner", true)));
        when(commands.send(any(RegisterUserCommand.class))).thenThrow(IdentityErrors.phoneTaken());
        assertThat(registration.accountForProvedPhone(PHONE, null)).isEqualTo("winner");
    }

    @Test
    void aPhoneClaimedUnprovedAgainAndAgainIsRefusedAfterAFewTries() {
        DomainException taken = IdentityErrors.phoneTaken();
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.of(new IdentityClaims.PhoneHolder("squatter", false)));
        when(commands.sendAs(any(ReleaseUnprovedPhoneCommand.class), any())).thenReturn(false);
        when(commands.send(any(RegisterUserCommand.class))).thenThrow(taken);
        assertThatThrownBy(() -> registration.accountForProvedPhone(PHONE, null)).isSameAs(taken);
        verify(commands, org.mockito.Mockito.times(Registration.PROOF_ATTEMPTS)).send(any(RegisterUserCommand.class));
    }

    @Test
    void otherRefusalsAreNotRecoveredFrom() {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.empty());
        DomainException other = new DomainException(DomainException.Kind.VALIDATION, "invalid_field", "no");
        when(commands.send(any(RegisterUserCommand.class))).thenThrow(other);
        assertThatThrownBy(() -> registration.accountForProvedPhone(PHONE, null)).isSameAs(other);
        verify(commands).send(any(RegisterUserCommand.class));
    }

    private RegisterUserCommand sent() {
        ArgumentCaptor<RegisterUserCommand> captor = ArgumentCaptor.forClass(RegisterUserCommand.class);
        verify(commands).send(captor.capture());
        return captor.getValue();
    }
}
