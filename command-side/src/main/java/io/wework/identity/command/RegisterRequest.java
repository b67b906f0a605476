package io.wework.identity.command;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/register}. No {@code role}: unknown fields are refused with 400. */
public record RegisterRequest(
        @NotBlank @Size(max = 254) @Email
        @Pattern(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a well-formed email address")
        String email,
        @NotBlank @Size(min = 8, max = 72, message = "must be 8 to 72 characters long")
        @Pattern(regexp = "^(?=.*\\p{L})(?=.*\\d).*$", message = "must contain at least one letter and one digit")
        String password,
        @Size(max = 200) String fullName,
        @Pattern(regexp = "^09\\d{9}$", message = "must look like 09xxxxxxxxx") String phoneNumber) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + "]";
    }
}
