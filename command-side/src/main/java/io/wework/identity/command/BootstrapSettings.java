package io.wework.identity.command;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wework.bootstrap.*}: the first super_admin ({@link BootstrapSuperAdmin}); nothing is
 * created unless both are set.
 *
 * @param adminEmail e-mail of the super_admin created at start if no account has it (env WEWORK_BOOTSTRAP_ADMIN_EMAIL)
 * @param adminPassword its password, at least 12 characters (env WEWORK_BOOTSTRAP_ADMIN_PASSWORD)
 */
@ConfigurationProperties("wework.bootstrap")
public record BootstrapSettings(String adminEmail, String adminPassword) {
}
