package io.wework.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventContractTest {

    @PublicEvent("gateway.replied")
    record GatewayReplied(String code, String gateway_code, String otpChannel, @Sensitive String auth,
                          @Sensitive String p256dh, String tokenType, Instant at) {
    }

    record PushKeys(String endpoint, @Sensitive String auth) {
    }

    @PublicEvent("push.subscribed")
    record PushSubscribed(String userId, PushKeys keys, List<PushKeys> previous) {
    }

    /** A plain class marks its field or its getter. */
    @PublicEvent("plain.happened")
    static class PlainHappened {
        @Sensitive
        private final String secretOnField = "s1";
        private final String secretOnGetter = "s2";
        private final String visible = "v";

        public String getSecretOnField() {
            return secretOnField;
        }

        @Sensitive
        public String getSecretOnGetter() {
            return secretOnGetter;
        }

        public String getVisible() {
            return visible;
        }
    }

    record Unnamed(String passwordHash) {
    }

    private static final GatewayReplied REPLY = new GatewayReplied("200", "OK-17", "sms", "k3y", "pub", "bearer",
            Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void theNameIsTheAnnotatedOneAndAnUnnamedEventIsRefused() {
        assertThat(EventContract.publicName(GatewayReplied.class)).isEqualTo("gateway.replied");
        assertThatThrownBy(() -> EventContract.publicName(Unnamed.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@PublicEvent");
    }

    @Test
    void onlyMarkedFieldsAreMaskedWhateverTheirName() {
        assertThat(EventContract.masked(REPLY)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "code", "200", "gateway_code", "OK-17", "otpChannel", "sms", "tokenType", "bearer",
                "auth", EventContract.MASK, "p256dh", EventContract.MASK, "at", "2026-01-02T03:04:05Z"));
        assertThat(EventContract.sensitiveFields(GatewayReplied.class)).containsExactlyInAnyOrder("auth", "p256dh");
    }

    @Test
    void anUnmarkedFieldThatLooksSecretIsShown() {
        assertThat(EventContract.masked(new Unnamed("abc"))).containsEntry("passwordHash", "abc");
    }

    @Test
    void aNullSensitiveValueStaysNullWhenMasked() {
        GatewayReplied noAuth = new GatewayReplied("200", null, null, null, "pub", null, null);
        assertThat(EventContract.masked(noAuth)).containsEntry("auth", null).containsEntry("p256dh", EventContract.MASK);
    }

    @Test
    void withoutSensitiveLeavesTheMarkedFieldsOut() {
        assertThat(EventContract.withoutSensitive(REPLY)).containsOnlyKeys("code", "gateway_code", "otpChannel",
                "tokenType", "at");
    }

    @Test
    void thePublicPayloadHasSnakeCaseNamesAndNoSecrets() {
        assertThat(EventContract.publicPayload(REPLY)).containsExactly(
                Map.entry("at", "2026-01-02T03:04:05Z"), Map.entry("code", "200"), Map.entry("gateway_code", "OK-17"),
                Map.entry("otp_channel", "sms"), Map.entry("token_type", "bearer"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedObjectsAndListsOfThemAreRedactedByTheirOwnClass() {
        PushSubscribed event = new PushSubscribed("u1", new PushKeys("https://push/1", "a1"),
                List.of(new PushKeys("https://push/0", "a0")));
        Map<String, Object> masked = EventContract.masked(event);
        assertThat((Map<String, Object>) masked.get("keys")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "endpoint", "https://push/1", "auth", EventContract.MASK));
        assertThat((List<Map<String, Object>>) masked.get("previous")).singleElement()
                .isEqualTo(Map.of("endpoint", "https://push/0", "auth", EventContract.MASK));
        assertThat((Map<String, Object>) EventContract.withoutSensitive(event).get("keys")).containsOnlyKeys("endpoint");
    }

    @Test
    void aClassMarksAFieldOrAGetter() {
        assertThat(EventContract.masked(new PlainHappened())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "secretOnField", EventContract.MASK, "secretOnGetter", EventContract.MASK, "visible", "v"));
    }
}
