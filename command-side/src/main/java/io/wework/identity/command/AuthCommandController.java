package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.common.api.MetadataKeys;
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.UserView;
import io.wework.platform.consistency.ProjectionAwaiter;
import io.wework.platform.id.Ids;
import io.wework.platform.security.JwtService;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration and password login: commands on the {@code User} aggregate. */
@RestController
@RequestMapping("/api/auth")
public class AuthCommandController {


    static final String USERS_PROJECTION = "users";

    private final CommandGateway commands;
    private final IdentityClaims claims;
    private final PasswordEncoder passwordEncoder;
    private final JwtService jwtService;
    private final ProjectionAwaiter projections;
    private final Validator validator;
    /** A hash of a random string, checked when the user is unknown so that timing tells nothing. */
    private final String dummyHash;

    public AuthCommandController(CommandGateway commands, IdentityClaims claims, PasswordEncoder passwordEncoder,
                                 JwtService jwtService, ProjectionAwaiter projections, Validator validator) {
        this.commands = commands;
        this.claims = claims;
        this.passwordEncoder = passwordEncoder;
        this.jwtService = jwtService;
        this.projections = projections;
        this.validator = validator;
        this.dummyHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
    }

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public UserView register(@Valid @RequestBody RegisterRequest request) {
        if (request.password().getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed",
                    "password: must be at most 72 bytes long");
        }
        String userId = Ids.newId();
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String fullName = blankToNull(request.fullName());
        String phone = blankToNull(request.phoneNumber());
        commands.sendAndWait(new RegisterUserCommand(userId, email, phone, fullName,
                passwordEncoder.encode(request.password())), 30, TimeUnit.SECONDS);
        projections.awaitProcessed(userId, USERS_PROJECTION);
        return new UserView(userId, email, phone, fullName, null, null, null, RoleView.of(Role.USER), true);
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse loginJson(@Valid @RequestBody LoginRequest request) {
        return login(request);
    }

    /** OAuth2 password-grant style form, as WeWork's original {@code OAuth2PasswordRequestForm}. */
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public TokenResponse loginForm(@ModelAttribute LoginForm form) {
        LoginRequest request = new LoginRequest(form.username(), form.password());
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed", violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return login(request);
    }

    public record LoginForm(String username, String password) {
    }

    private TokenResponse login(LoginRequest request) {
        String username = request.username().trim();
        var userId = username.matches("^09\\d{9}$")
                ? claims.findUserId(IdentityClaims.Type.PHONE, username)
                : claims.findUserId(IdentityClaims.Type.EMAIL, username.toLowerCase(Locale.ROOT));
        if (userId.isEmpty()) {
            passwordEncoder.matches(request.password(), dummyHash);
            throw IdentityErrors.badCredentials();
        }
        var command = GenericCommandMessage.asCommandMessage(
                        new AuthenticateUserCommand(userId.get(), request.password(), "password"))
                .andMetaData(MetaData.from(Map.of(MetadataKeys.ACTOR_ID, userId.get())));
        AuthenticatedUser user = commands.sendAndWait(command, 30, TimeUnit.SECONDS);
        JwtService.IssuedToken token = jwtService.issueAccessToken(user.userId(), user.role());
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
