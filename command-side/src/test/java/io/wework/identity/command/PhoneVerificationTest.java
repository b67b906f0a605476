package io.wework.identity.command;

import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.UserView;
import io.wework.identity.api.VerifyPhoneCommand;
import io.wework.platform.messaging.CommandSender;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneVerificationTest {

    private static final String PHONE = "09120000001";

    private final OtpService otp = mock(OtpService.class);
    private final IdentityClaims claims = mock(IdentityClaims.class);
    private final CommandSender commands = mock(CommandSender.class);
    private final PhoneVerification verification = new PhoneVerification(otp, claims, commands);

    @Test
    void aRightCodeForTheAccountsOwnPhoneProvesIt() {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.of(new IdentityClaims.PhoneHolder(USER, false)));
        when(otp.verify(PHONE, "123456")).thenReturn(OtpService.Verification.OK);
        UserView view = new UserView(USER, "ann@example.com", PHONE, null, null, null, null, RoleView.of(Role.USER), true);
        when(commands.send(new VerifyPhoneCommand(USER, PHONE))).thenReturn(view);
        assertThat(verification.verify(USER, PHONE, "123456")).isEqualTo(view);
        verify(commands).send(new VerifyPhoneCommand(USER, PHONE));
    }

    @Test
    void aPhoneAnotherAccountHoldsOrNoneHoldsIsRefusedBeforeTheCodeIsSpent() {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.of(new IdentityClaims.PhoneHolder("someone-else", false)),
                Optional.empty());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> verification.verify(USER, PHONE, "123456"))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("phone_not_on_account");
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    });
        }
        verifyNoInteractions(otp, commands);
    }

    @ParameterizedTest
    @CsvSource({"WRONG, invalid_otp", "NO_CODE, invalid_otp", "EXHAUSTED, otp_attempts_exhausted"})
    void aCodeThatDoesNotCountIs400AndProvesNothing(OtpService.Verification outcome, String code) {
        when(claims.findPhoneHolder(PHONE)).thenReturn(Optional.of(new IdentityClaims.PhoneHolder(USER, false)));
        when(otp.verify(PHONE, "123456")).thenReturn(outcome);
        // the caller is logged in: a wrong code is a bad request, not a 401 that would log them out
        assertThatThrownBy(() -> verification.verify(USER, PHONE, "123456"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.VALIDATION);
                });
        verifyNoInteractions(commands);
    }
}
