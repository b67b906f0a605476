package io.wework.identity.command;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.UserLoggedInEvent;
import io.wework.identity.api.UserRegisteredEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final PasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final String HASH = ENCODER.encode("s3cret-pass");
    private static final String ID = "0193f1b2-0000-7000-8000-000000000001";

    private AggregateTestFixture<User> fixture;
    private IdentityClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        claims = mock(IdentityClaims.class);
        fixture.registerInjectableResource(claims);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(ENCODER);
    }

    private static UserRegisteredEvent registered() {
        return new UserRegisteredEvent(ID, "ali@example.com", "09121234567", "Ali", HASH, Role.USER, NOW);
    }

    @Test
    void registersAnOrdinaryUser() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, "ali@example.com", "09121234567", "Ali", HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void refusesATakenEmail() {
        when(claims.isTaken(IdentityClaims.Type.EMAIL, "ali@example.com")).thenReturn(true);
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, "ali@example.com", null, null, HASH))
                .expectException(DomainException.class)
                .expectExceptionMessage("This e-mail address is already registered")
                .expectNoEvents();
    }

    @Test
    void refusesATakenPhone() {
        when(claims.isTaken(eq(IdentityClaims.Type.PHONE), any())).thenReturn(true);
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, "ali@example.com", "09121234567", null, HASH))
                .expectException(DomainException.class)
                .expectExceptionMessage("This phone number is already registered")
                .expectNoEvents();
    }

    @Test
    void refusesAnAccountWithoutEmailOrPhone() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(ID, null, null, "Nobody", HASH))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void logsInWithTheRightPassword() {
        fixture.given(registered())
                .when(new AuthenticateUserCommand(ID, "s3cret-pass", "password"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new AuthenticatedUser(ID, Role.USER))
                .expectEvents(new UserLoggedInEvent(ID, "password", NOW));
    }

    @Test
    void refusesAWrongPasswordAndRecordsNoLogin() {
        fixture.given(registered())
                .when(new AuthenticateUserCommand(ID, "wrong-pass1", "password"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Incorrect username or password")
                .expectNoEvents();
    }

    @Test
    void refusesPasswordLoginForAnAccountWithoutPassword() {
        fixture.given(new UserRegisteredEvent(ID, null, "09121234567", null, null, Role.USER, NOW))
                .when(new AuthenticateUserCommand(ID, "anything1", "password"))
                .expectException(DomainException.class)
                .expectNoEvents();
    }
}
