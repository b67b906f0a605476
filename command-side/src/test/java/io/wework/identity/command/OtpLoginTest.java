package io.wework.identity.command;

import static io.wework.identity.command.TokenIssuerTest.JWT;
import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.Role;
import io.wework.identity.api.StartSessionCommand;
import io.wework.platform.messaging.CommandSender;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

class OtpLoginTest {

    private static final String PHONE = "09120000001";
    private static final String IP = "203.0.113.7";

    private final OtpService otp = mock(OtpService.class);
    private final IdentityClaims claims = mock(IdentityClaims.class);
    private final Registration registration = mock(Registration.class);
    private final CommandSender commands = mock(CommandSender.class);
    private OtpLogin otpLogin;

    @BeforeEach
    void setUp() {
        when(otp.ttl()).thenReturn(Duration.ofSeconds(300));
        otpLogin = new OtpLogin(otp, claims, registration, commands, new TokenIssuer(JWT));
    }

    @Test
    void aCodeRequestSaysHowLongItLivesAndWhetherThePhoneIsNew() {
        // new = no account proved the phone (one that holds it unproved does not count: the login makes a new one)
        when(claims.findLoginByPhone(PHONE)).thenReturn(Optional.empty(), Optional.of(USER));
        assertThat(otpLogin.requestCode(PHONE, IP)).isEqualTo(new OtpLogin.CodeSent(300, true));
        assertThat(otpLogin.requestCode(PHONE, IP)).isEqualTo(new OtpLogin.CodeSent(300, false));
        verify(otp, org.mockito.Mockito.times(2)).send(PHONE, IP);
    }

    @Test
    void aRightCodeStartsASessionOfTheAccountThatProvedThePhone() {
        when(otp.verify(PHONE, "123456")).thenReturn(OtpService.Verification.OK);
        when(registration.accountForProvedPhone(PHONE, "Ann")).thenReturn(USER);
        ArgumentCaptor<StartSessionCommand> sent = ArgumentCaptor.forClass(StartSessionCommand.class);
        when(commands.send(sent.capture(), eq(USER))).thenAnswer(call ->
                new AuthenticatedUser(USER, Role.USER, ((StartSessionCommand) call.getArgument(0)).sessionId()));

        TokenIssuer.Tokens tokens = otpLogin.login(PHONE, "123456", "Ann");

        StartSessionCommand command = sent.getValue();
        assertThat(command.userId()).isEqualTo(USER);
        assertThat(command.method()).isEqualTo("otp");
        assertThat(command.refreshTokenHash()).isEqualTo(RefreshTokens.hash(tokens.refreshToken()));
        assertThat(JWT.verify(tokens.accessToken()).userId()).isEqualTo(USER);
        var order = inOrder(otp, registration, commands);
        order.verify(otp).verify(PHONE, "123456");
        order.verify(registration).accountForProvedPhone(PHONE, "Ann");
        order.verify(commands).send(any(StartSessionCommand.class), eq(USER));
        verifyNoInteractions(claims);
    }

    @ParameterizedTest
    @CsvSource({"WRONG, invalid_otp", "NO_CODE, invalid_otp", "EXHAUSTED, otp_attempts_exhausted"})
    void aCodeThatDoesNotCountIs401AndStartsNothing(OtpService.Verification outcome, String code) {
        when(otp.verify(PHONE, "123456")).thenReturn(outcome);
        assertThatThrownBy(() -> otpLogin.login(PHONE, "123456", null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHORIZED);
                });
        verifyNoInteractions(commands, registration, claims);
    }
}
