package io.wework;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.identity.command.OtpSettings;
import io.wework.identity.command.RegistrationLimits;
import io.wework.platform.security.SecuritySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

/**
 * Every settings record of every module, bound as the application binds them: the defaults are valid,
 * and a value that would misbehave stops the start with an error that names the property.
 */
class SettingsValidationTest {

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("io.wework")
    static class AllSettings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(AllSettings.class);

    @Test
    void theDefaultsAreValid() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SecuritySettings.class).bcryptStrength()).isEqualTo(10);
            assertThat(ctx.getBean(OtpSettings.class).ttl()).isEqualTo(Duration.ofMinutes(5));
            assertThat(ctx.getBean(RegistrationLimits.class)).isEqualTo(new RegistrationLimits(10, Duration.ofHours(1)));
        });
    }

    @Test
    void theBcryptCostMayBeAnythingBCryptTakes() {
        context.withPropertyValues("wework.security.bcrypt-strength=4").run(ctx -> assertThat(ctx).hasNotFailed());
        context.withPropertyValues("wework.security.bcrypt-strength=31").run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '=', value = {
            "wework.http.max-body-size=0",
            "wework.http.idempotency-ttl=0s",
            "wework.event-store.batch-size=0",
            "wework.event-store.gap-timeout-ms=-1",
            "wework.embedded.data-dir=' '",
            "wework.security.bcrypt-strength=3",
            "wework.security.bcrypt-strength=32",
            "wework.security.jwt.access-token-ttl=0",
            "wework.security.jwt.algorithm=' '",
            "wework.security.refresh-token-ttl=0s",
            "wework.security.login.max-failures-per-account=0",
            "wework.security.login.max-failures-per-address=-1",
            "wework.security.login.window=0s",
            "wework.security.registration.max-per-address=0",
            "wework.security.registration.window=0s",
            "wework.commands.timeout=0s",
            "wework.queries.timeout=-1s",
            "wework.otp.ttl=500ms",
            "wework.otp.resend-cooldown=0s",
            "wework.otp.max-per-hour=0",
            "wework.otp.max-per-address-per-hour=0",
            "wework.otp.max-attempts=0",
            "wework.sms.timeout=0s",
            "wework.sms.provider=carrier-pigeon",
            "wework.snapshots.user-threshold=0",
            "wework.cache.aggregates-per-type=-1",
            "wework.cache.user-ttl=0s",
            "wework.cache.inline-rows=-1",
            "wework.events.sse-timeout=0s",
    })
    void aValueThatWouldMisbehaveStopsTheStart(String property, String value) {
        context.withPropertyValues(property + "=" + value).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(namedProperties(ctx.getStartupFailure())).anySatisfy(named -> assertThat(named).startsWith(property));
        });
    }

    /** The properties a binding failure names: the one that did not convert, or those that failed validation. */
    private static List<String> namedProperties(Throwable failure) {
        List<String> named = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException bind && bind.getProperty() != null) {
                named.add(bind.getProperty().getName().toString());
            }
            if (t instanceof BindValidationException validation) {
                String prefix = validation.getValidationErrors().getName().toString();
                validation.getValidationErrors().getAllErrors().stream()
                        .filter(FieldError.class::isInstance)
                        .map(e -> prefix + "." + ((FieldError) e).getField().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT))
                        .forEach(named::add);
            }
        }
        return named;
    }
}
