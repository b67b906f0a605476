package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.common.api.MetadataKeys;
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.ChangePasswordCommand;
import io.wework.identity.api.ChangeTelegramSettingsCommand;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.LockOutUserCommand;
import io.wework.identity.api.LogOutCommand;
import io.wework.identity.api.RefreshSessionCommand;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.StartSessionCommand;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.identity.api.UpdateProfileCommand;
import io.wework.identity.api.UserView;
import io.wework.identity.command.Requests.ChangePasswordRequest;
import io.wework.identity.command.Requests.LoginOtpRequest;
import io.wework.identity.command.Requests.LogoutRequest;
import io.wework.identity.command.Requests.OtpSent;
import io.wework.identity.command.Requests.RefreshRequest;
import io.wework.identity.command.Requests.RequestOtpRequest;
import io.wework.identity.command.Requests.TelegramRequest;
import io.wework.identity.command.Requests.TelegramSettings;
import io.wework.identity.command.Requests.UpdateProfileRequest;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.id.Ids;
import io.wework.platform.security.CurrentUser;
import io.wework.platform.security.JwtService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The identity commands of {@code /api/auth}: registration, logins, sessions, profile changes. */
@RestController
@RequestMapping("/api/auth")
public class AuthCommandController {

    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway commands;
    private final IdentityClaims claims;
    private final PasswordEncoder passwordEncoder;
    private final JwtService jwtService;
    private final Validator validator;
    private final LoginThrottle throttle;
    private final OtpService otp;
    private final SecretBox secrets;
    private final Clock clock;
    /** A hash of a random string, checked when the user is unknown so that timing tells nothing. */
    private final String dummyHash;

    public AuthCommandController(CommandGateway commands, IdentityClaims claims,
                                 PasswordEncoder passwordEncoder, JwtService jwtService,
                                 Validator validator, LoginThrottle throttle, OtpService otp, SecretBox secrets, Clock clock) {
        this.commands = commands;
        this.claims = claims;
        this.passwordEncoder = passwordEncoder;
        this.jwtService = jwtService;
        this.validator = validator;
        this.throttle = throttle;
        this.otp = otp;
        this.secrets = secrets;
        this.clock = clock;
        this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public UserView register(@Valid @RequestBody RegisterRequest request) {
        checkPasswordBytes(request.password());
        String userId = Ids.newId();
        String email = Requests.lower(request.email());
        String fullName = blankToNull(request.fullName());
        String phone = blankToNull(request.phoneNumber());
        commands.sendAndWait(new RegisterUserCommand(userId, email, phone, fullName,
                passwordEncoder.encode(request.password())), TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new UserView(userId, email, phone, fullName, null, null, null, RoleView.of(Role.USER), true);
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse loginJson(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return login(request, http.getRemoteAddr());
    }

    /** OAuth2 password-grant style form, as WeWork's original {@code OAuth2PasswordRequestForm}. */
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public TokenResponse loginForm(@ModelAttribute LoginForm form, HttpServletRequest http) {
        LoginRequest request = new LoginRequest(form.username(), form.password());
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed", violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return login(request, http.getRemoteAddr());
    }

    public record LoginForm(String username, String password) {
    }

    private TokenResponse login(LoginRequest request, String address) {
        String login = request.username().trim().toLowerCase(Locale.ROOT);
        throttle.checkAllowed(login, address);
        Optional<String> userId = login.matches(Requests.PHONE)
                ? claims.findUserId(IdentityClaims.Type.PHONE, login)
                : claims.findUserId(IdentityClaims.Type.EMAIL, login);
        if (userId.isEmpty()) {
            passwordEncoder.matches(request.password(), dummyHash);
            throttle.recordFailure(login, address);
            throw IdentityErrors.badCredentials();
        }
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = RefreshTokens.newToken(userId.get(), sessionId);
        try {
            AuthenticatedUser user = send(userId.get(), new AuthenticateUserCommand(userId.get(), request.password(),
                    "password", sessionId, RefreshTokens.hash(refreshToken)));
            throttle.reset(login);
            return tokens(user, refreshToken, null);
        } catch (DomainException e) {
            if ("bad_credentials".equals(e.code())) {
                long failures = throttle.recordFailure(login, address);
                if (failures >= throttle.maxPerAccount()) {
                    send(userId.get(), new LockOutUserCommand(userId.get(), clock.instant().plus(throttle.window()),
                            (int) failures));
                }
            }
            throw e;
        }
    }

    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        RefreshTokens.Parsed presented = RefreshTokens.parse(request.refreshToken())
                .orElseThrow(IdentityErrors::invalidRefreshToken);
        String next = RefreshTokens.newToken(presented.userId(), presented.sessionId());
        AuthenticatedUser user;
        try {
            user = send(presented.userId(), new RefreshSessionCommand(presented.userId(), presented.sessionId(),
                    presented.hash(), RefreshTokens.hash(next)));
        } catch (org.axonframework.modelling.command.AggregateNotFoundException e) {
            throw IdentityErrors.invalidRefreshToken();
        }
        if (user == null) { // a spent token came back: the session was revoked as a whole
            throw IdentityErrors.invalidRefreshToken();
        }
        return tokens(user, next, null);
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@RequestBody(required = false) @Valid LogoutRequest request) {
        io.wework.platform.security.AuthenticatedUser caller = CurrentUser.required();
        String sessionId = caller.sessionId();
        if (sessionId == null && request != null && request.refreshToken() != null) {
            sessionId = RefreshTokens.parse(request.refreshToken()).filter(p -> p.userId().equals(caller.userId()))
                    .map(RefreshTokens.Parsed::sessionId).orElse(null);
        }
        send(caller.userId(), new LogOutCommand(caller.userId(), sessionId == null ? "none" : sessionId,
                caller.tokenId(), caller.expiresAt()));
    }

    @PostMapping(path = "/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse changePassword(@Valid @RequestBody ChangePasswordRequest request) {
        checkPasswordBytes(request.newPassword());
        io.wework.platform.security.AuthenticatedUser caller = CurrentUser.required();
        String sessionId = caller.sessionId() != null ? caller.sessionId() : UUID.randomUUID().toString();
        String refreshToken = RefreshTokens.newToken(caller.userId(), sessionId);
        AuthenticatedUser user = send(caller.userId(), new ChangePasswordCommand(caller.userId(), request.currentPassword(),
                passwordEncoder.encode(request.newPassword()), sessionId, RefreshTokens.hash(refreshToken)));
        // the new access token must not look older than the change that invalidated the old ones
        return tokens(user, refreshToken, clock.instant().plusSeconds(1));
    }

    @PostMapping(path = "/request-otp", consumes = MediaType.APPLICATION_JSON_VALUE)
    public OtpSent requestOtp(@Valid @RequestBody RequestOtpRequest request, HttpServletRequest http) {
        boolean isNew = !claims.isTaken(IdentityClaims.Type.PHONE, request.phoneNumber());
        otp.send(request.phoneNumber(), http.getRemoteAddr());
        return new OtpSent(true, otp.ttl().toSeconds(), isNew);
    }

    @PostMapping(path = "/login-otp", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse loginOtp(@Valid @RequestBody LoginOtpRequest request) {
        switch (otp.verify(request.phoneNumber(), request.code())) {
            case OK -> { }
            case EXHAUSTED -> throw new DomainException(DomainException.Kind.UNAUTHORIZED, "otp_attempts_exhausted",
                    "Too many wrong codes; request a new one");
            default -> throw new DomainException(DomainException.Kind.UNAUTHORIZED, "invalid_otp",
                    "The code is wrong or has expired");
        }
        String userId = claims.findUserId(IdentityClaims.Type.PHONE, request.phoneNumber())
                .orElseGet(() -> registerPhoneOnly(request.phoneNumber(), blankToNull(request.fullName())));
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = RefreshTokens.newToken(userId, sessionId);
        AuthenticatedUser user = send(userId, new StartSessionCommand(userId, "otp", sessionId, RefreshTokens.hash(refreshToken)));
        return tokens(user, refreshToken, null);
    }

    /** An unknown phone becomes a phone-only account (no invented e-mail). */
    private String registerPhoneOnly(String phone, String fullName) {
        String userId = Ids.newId();
        try {
            commands.sendAndWait(new RegisterUserCommand(userId, null, phone, fullName, null), TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return userId;
        } catch (DomainException e) {
            if ("phone_taken".equals(e.code())) { // registered concurrently: use that account
                return claims.findUserId(IdentityClaims.Type.PHONE, phone).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @PatchMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
    public UserView updateMe(@Valid @RequestBody UpdateProfileRequest request) {
        String userId = CurrentUser.required().userId();
        String username = request.username() == null ? null : Requests.lower(request.username());
        return send(userId, new UpdateProfileCommand(userId, blankToNull(request.fullName()), username, request.bio(),
                request.avatar()));
    }

    @PatchMapping(path = "/me/telegram", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TelegramSettings updateTelegram(@Valid @RequestBody TelegramRequest request) {
        String userId = CurrentUser.required().userId();
        TelegramSettingsView view = send(userId, new ChangeTelegramSettingsCommand(userId, request.telegramEnabled(),
                secrets.encrypt(request.telegramBotToken()), request.telegramChatId()));
        return new TelegramSettings(view.enabled(), secrets.decrypt(view.encryptedBotToken()), view.chatId());
    }

    private <R> R send(String actorOrTarget, Object command) {
        var message = GenericCommandMessage.asCommandMessage(command);
        if (CurrentUser.optional().isEmpty()) { // a login: the user proves who they are
            message = message.andMetaData(MetaData.from(Map.of(MetadataKeys.ACTOR_ID, actorOrTarget)));
        }
        return commands.sendAndWait(message, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private TokenResponse tokens(AuthenticatedUser user, String refreshToken, java.time.Instant notBefore) {
        JwtService.IssuedToken token = jwtService.issueAccessToken(user.userId(), user.role().wireName(), user.sessionId(), notBefore);
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds(), refreshToken);
    }

    private static void checkPasswordBytes(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed",
                    "password: must be at most 72 bytes long");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
