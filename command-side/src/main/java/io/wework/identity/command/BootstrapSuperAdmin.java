package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.BootstrapSuperAdminCommand;
import io.wework.platform.messaging.CommandSender;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first super_admin from {@link BootstrapSettings} ({@code WEWORK_BOOTSTRAP_ADMIN_EMAIL} and
 * {@code WEWORK_BOOTSTRAP_ADMIN_PASSWORD}). The account's id is derived from the e-mail, so running
 * again, or on several nodes at once, finds the account there (or loses the race to create it) and
 * creates no second one.
 */
@Component
class BootstrapSuperAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapSuperAdmin.class);

    private static final String ACTOR = "system:bootstrap";

    private final CommandSender commands;
    private final IdentityClaims claims;
    private final PasswordEncoder passwordEncoder;
    private final String email;
    private final String password;

    BootstrapSuperAdmin(CommandSender commands, IdentityClaims claims, PasswordEncoder passwordEncoder,
                        BootstrapSettings settings) {
        this.commands = commands;
        this.claims = claims;
        this.passwordEncoder = passwordEncoder;
        this.email = settings.adminEmail() == null ? "" : settings.adminEmail().trim().toLowerCase(Locale.ROOT);
        this.password = settings.adminPassword();
    }

    static String idFor(String email) {
        return UUID.nameUUIDFromBytes(("wework:bootstrap-admin:" + email).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @EventListener(ApplicationReadyEvent.class)
    void bootstrap() {
        if (email.isEmpty() || password == null || password.isEmpty()) {
            return;
        }
        if (password.length() < 12) {
            throw new IllegalStateException("WEWORK_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters");
        }
        if (claims.isTaken(IdentityClaims.Type.EMAIL, email)) {
            log.info("Bootstrap super_admin {} already exists", email);
            return;
        }
        try {
            commands.sendAs(new BootstrapSuperAdminCommand(idFor(email), email, passwordEncoder.encode(password)), ACTOR);
            log.info("Bootstrap super_admin {} created", email);
        } catch (DomainException | AggregateStreamCreationException | ConcurrencyException e) {
            log.info("Bootstrap super_admin {} already exists ({})", email, e.getClass().getSimpleName());
        }
    }
}
