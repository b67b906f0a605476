package io.wework.identity.command;

/** {@code {access_token, token_type:"bearer", expires_in, refresh_token}}. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
}
