package io.wework.identity.command;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the identity commands (snake_case on the wire; unknown fields are refused). */
final class Requests {

    static final String PHONE = "^09\\d{9}$";
    static final String PASSWORD_RULE = "^(?=.*\\p{L})(?=.*\\d).*$";

    private Requests() {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    record LogoutRequest(@Size(max = 200) String refreshToken) {
        @Override
        public String toString() {
            return "LogoutRequest[]";
        }
    }

    record ChangePasswordRequest(
            @NotBlank @Size(max = 200) String currentPassword,
            @NotBlank @Size(min = 8, max = 72, message = "must be 8 to 72 characters long")
            @Pattern(regexp = PASSWORD_RULE, message = "must contain at least one letter and one digit") String newPassword) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[]";
        }
    }

    record RequestOtpRequest(
            @NotBlank @Pattern(regexp = PHONE, message = "must look like 09xxxxxxxxx") String phoneNumber,
            @Size(max = 200) String fullName) {
    }

    record LoginOtpRequest(
            @NotBlank @Pattern(regexp = PHONE, message = "must look like 09xxxxxxxxx") String phoneNumber,
            @NotBlank @Pattern(regexp = "^\\d{6}$", message = "must be 6 digits") String code,
            @Size(max = 200) String fullName) {
        @Override
        public String toString() {
            return "LoginOtpRequest[phone=" + phoneNumber + "]";
        }
    }

    record VerifyPhoneRequest(
            @NotBlank @Pattern(regexp = PHONE, message = "must look like 09xxxxxxxxx") String phoneNumber,
            @NotBlank @Pattern(regexp = "^\\d{6}$", message = "must be 6 digits") String code) {
        @Override
        public String toString() {
            return "VerifyPhoneRequest[phone=" + phoneNumber + "]";
        }
    }

    record UpdateProfileRequest(
            @Size(min = 1, max = 200) String fullName,
            @Pattern(regexp = "^[A-Za-z0-9_.]{3,32}$", message = "must be 3 to 32 letters, digits, '_' or '.'") String username,
            @Size(max = 1000) String bio,
            @Size(max = 1000) @Pattern(regexp = "^(https?://\\S+)?$", message = "must be an http(s) URL") String avatar) {
    }

    record TelegramRequest(
            Boolean telegramEnabled,
            @Size(max = 200) @Pattern(regexp = "^\\d{3,20}:[A-Za-z0-9_-]{20,100}$", message = "must look like a Telegram bot token")
            String telegramBotToken,
            @Size(max = 64) @Pattern(regexp = "^-?[0-9A-Za-z_@]{1,64}$", message = "must be a Telegram chat id") String telegramChatId) {
        @Override
        public String toString() {
            return "TelegramRequest[enabled=" + telegramEnabled + "]";
        }
    }

    record AdminUpdateRequest(
            @Pattern(regexp = "^(user|admin|super_admin)$", message = "must be user, admin or super_admin") String role,
            Boolean isActive,
            @Size(min = 1, max = 200) String fullName,
            @Pattern(regexp = PHONE, message = "must look like 09xxxxxxxxx") String phoneNumber,
            @Size(max = 254) @Pattern(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a well-formed email address")
            String email) {
    }

    record OtpSent(boolean sent, long expiresIn, boolean isNewUser) {
    }

    record TelegramSettings(boolean telegramEnabled, String telegramBotToken, String telegramChatId) {
        @Override
        public String toString() {
            return "TelegramSettings[enabled=" + telegramEnabled + "]";
        }
    }
}
