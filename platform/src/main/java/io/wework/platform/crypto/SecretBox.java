package io.wework.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets kept at rest (in events and read models), e.g. a Telegram bot token:
 * AES-256-GCM with a random 96-bit nonce, written as {@code v1:<base64(nonce|ciphertext|tag)>}.
 * Also derives keyed hashes (HMAC-SHA256) for values that must only ever be compared (OTP codes).
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private final SecretKeySpec aesKey;
    private final byte[] macKey;
    private final SecureRandom random = new SecureRandom();

    /** @param masterKey at least 32 bytes; separate keys for encryption and hashing are derived from it. */
    public SecretBox(byte[] masterKey) {
        if (masterKey.length < 32) {
            throw new IllegalArgumentException("The encryption key must be at least 256 bits");
        }
        this.aesKey = new SecretKeySpec(hmac(masterKey, "wework/aes-gcm/v1"), "AES");
        this.macKey = hmac(masterKey, "wework/keyed-hash/v1");
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String sealedText) {
        if (sealedText == null) {
            return null;
        }
        if (!sealedText.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Unknown secret format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealedText.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed (wrong key or tampered data)", e);
        }
    }

    /** HMAC-SHA256 of {@code value} under the derived hashing key, hex-encoded. */
    public String keyedHash(String value) {
        return java.util.HexFormat.of().formatHex(hmac(macKey, value));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
