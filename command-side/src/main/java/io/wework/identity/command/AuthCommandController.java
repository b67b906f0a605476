package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.UserView;
import io.wework.identity.command.Requests.LoginOtpRequest;
import io.wework.identity.command.Requests.LogoutRequest;
import io.wework.identity.command.Requests.OtpSent;
import io.wework.identity.command.Requests.RefreshRequest;
import io.wework.identity.command.Requests.RequestOtpRequest;
import io.wework.platform.security.CurrentUser;
import io.wework.platform.web.CarriesCredentials;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/auth}: sign-up, password and OTP logins, refresh, logout. Each method reads the
 * request, calls one use case and writes its answer.
 */
@RestController
@RequestMapping("/api/auth")
public class AuthCommandController {

    private final Registration registration;
    private final PasswordLogin passwordLogin;
    private final OtpLogin otpLogin;
    private final Sessions sessions;
    private final Validator validator;

    public AuthCommandController(Registration registration, PasswordLogin passwordLogin, OtpLogin otpLogin,
                                 Sessions sessions, Validator validator) {
        this.registration = registration;
        this.passwordLogin = passwordLogin;
        this.otpLogin = otpLogin;
        this.sessions = sessions;
        this.validator = validator;
    }

    @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public UserView register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        return registration.register(request.email(), request.password(), request.fullName(), request.phoneNumber(),
                http.getRemoteAddr());
    }

    @CarriesCredentials
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse loginJson(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return TokenResponse.bearer(passwordLogin.login(request.username(), request.password(), http.getRemoteAddr()));
    }

    /** OAuth2 password-grant style form, as WeWork's original {@code OAuth2PasswordRequestForm}. */
    @CarriesCredentials
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public TokenResponse loginForm(@ModelAttribute LoginForm form, HttpServletRequest http) {
        LoginRequest request = new LoginRequest(form.username(), form.password());
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed", violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
        }
        return loginJson(request, http);
    }

    public record LoginForm(String username, String password) {
        @Override
        public String toString() {
            return "LoginForm[username=" + username + "]";
        }
    }

    @CarriesCredentials
    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return TokenResponse.bearer(sessions.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@RequestBody(required = false) @Valid LogoutRequest request) {
        sessions.logout(CurrentUser.required(), request == null ? null : request.refreshToken());
    }

    @PostMapping(path = "/request-otp", consumes = MediaType.APPLICATION_JSON_VALUE)
    public OtpSent requestOtp(@Valid @RequestBody RequestOtpRequest request, HttpServletRequest http) {
        OtpLogin.CodeSent sent = otpLogin.requestCode(request.phoneNumber(), http.getRemoteAddr());
        return new OtpSent(true, sent.expiresInSeconds(), sent.newUser());
    }

    @CarriesCredentials
    @PostMapping(path = "/login-otp", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse loginOtp(@Valid @RequestBody LoginOtpRequest request) {
        return TokenResponse.bearer(otpLogin.login(request.phoneNumber(), request.code(), request.fullName()));
    }
}
