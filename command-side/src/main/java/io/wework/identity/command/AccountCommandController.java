package io.wework.identity.command;

import io.wework.identity.api.UserView;
import io.wework.identity.command.Requests.ChangePasswordRequest;
import io.wework.identity.command.Requests.TelegramRequest;
import io.wework.identity.command.Requests.TelegramSettings;
import io.wework.identity.command.Requests.UpdateProfileRequest;
import io.wework.identity.command.Requests.VerifyPhoneRequest;
import io.wework.platform.security.CurrentUser;
import io.wework.platform.web.CarriesCredentials;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/auth/me}: the caller changes their own account (password, profile, Telegram) and proves its
 * phone number. Each method reads the request, calls one use case and writes its answer.
 */
@RestController
@RequestMapping("/api/auth/me")
public class AccountCommandController {

    private final PasswordChange passwordChange;
    private final ProfileUpdate profileUpdate;
    private final TelegramSettingsUpdate telegramSettings;
    private final PhoneVerification phoneVerification;

    public AccountCommandController(PasswordChange passwordChange, ProfileUpdate profileUpdate,
                                    TelegramSettingsUpdate telegramSettings, PhoneVerification phoneVerification) {
        this.passwordChange = passwordChange;
        this.profileUpdate = profileUpdate;
        this.telegramSettings = telegramSettings;
        this.phoneVerification = phoneVerification;
    }

    /** Proves the account's phone number with the code {@code request-otp} sent to it. */
    @PostMapping(path = "/phone/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    public UserView verifyPhone(@Valid @RequestBody VerifyPhoneRequest request) {
        return phoneVerification.verify(CurrentUser.required().userId(), request.phoneNumber(), request.code());
    }

    @CarriesCredentials
    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TokenResponse changePassword(@Valid @RequestBody ChangePasswordRequest request, HttpServletRequest http) {
        return TokenResponse.bearer(passwordChange.change(CurrentUser.required(), request.currentPassword(),
                request.newPassword(), http.getRemoteAddr()));
    }

    @PatchMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public UserView updateProfile(@Valid @RequestBody UpdateProfileRequest request) {
        return profileUpdate.update(CurrentUser.required().userId(), request.fullName(), request.username(), request.bio(),
                request.avatar());
    }

    @PatchMapping(path = "/telegram", consumes = MediaType.APPLICATION_JSON_VALUE)
    public TelegramSettings updateTelegram(@Valid @RequestBody TelegramRequest request) {
        TelegramSettingsUpdate.Settings settings = telegramSettings.change(CurrentUser.required().userId(),
                request.telegramEnabled(), request.telegramBotToken(), request.telegramChatId());
        return new TelegramSettings(settings.enabled(), settings.botToken(), settings.chatId());
    }
}
