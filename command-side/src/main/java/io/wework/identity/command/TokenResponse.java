package io.wework.identity.command;

/** {@code {access_token, token_type:"bearer", expires_in, refresh_token}}. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {

    static TokenResponse bearer(TokenIssuer.Tokens tokens) {
        return new TokenResponse(tokens.accessToken(), "bearer", tokens.expiresInSeconds(), tokens.refreshToken());
    }

    @Override
    public String toString() {
        return "TokenResponse[]";
    }
}
