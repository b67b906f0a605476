package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Readers fall back from Redis to {@code users_view}; a row that is missing or behind the event
 * store (a replay cut short by a crash, a row dropped by hand) is never served as it is: the missing
 * events are folded in. Shown for the token guard (a deactivation must hold) and the profile reads.
 */
class RowBehindTheStoreIT extends IntegrationTest {

    @Test
    void aDeactivationHoldsEvenWhenTheRowAndTheCacheLostIt() {
        String[] user = registerAndLogin(uniqueEmail("behind"), "behind-pass-1");
        String root = rootToken();
        assertThat(patchJson("/api/admin/users/" + user[0], "{\"is_active\":false}", root).status()).isEqualTo(200);
        // the row loses the deactivation, and Redis forgets the account's state and profile
        jdbc.update("UPDATE users_view SET is_active = true, version = (SELECT sequence_number - 1 FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type = 'io.wework.identity.api.UserDeactivatedEvent') WHERE id = ?",
                user[0], user[0]);
        redis.delete(java.util.List.of("wework:auth:access:" + user[0], "wework:identity:profile:" + user[0]));

        assertThat(getAuthed("/api/auth/me", user[1]).status()).isEqualTo(401);
        assertThat(get("/api/auth/users/" + user[0] + "/public").status()).isEqualTo(404);
        // the next command on the account writes its row back, complete (other tests compare rows)
        assertThat(patchJson("/api/admin/users/" + user[0], "{\"full_name\":\"Behind\"}", root).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT is_active FROM users_view WHERE id = ?", Boolean.class, user[0])).isFalse();
    }

    @Test
    void aMissingRowIsAnsweredFromTheEvents() {
        String[] user = registerAndLogin(uniqueEmail("missing-row"), "missing-pass-1");
        assertThat(patchJson("/api/auth/me", "{\"bio\":\"kept\",\"username\":\"kept_" + user[0].substring(30) + "\"}", user[1])
                .status()).isEqualTo(200);
        jdbc.update("DELETE FROM users_view WHERE id = ?", user[0]);
        redis.delete(java.util.List.of("wework:auth:access:" + user[0], "wework:identity:profile:" + user[0]));

        assertThat(getAuthed("/api/auth/me", user[1]).json().get("bio").asText()).isEqualTo("kept");
        assertThat(get("/api/auth/users/" + user[0] + "/public").json().get("bio").asText()).isEqualTo("kept");
        // and the next command of the user writes the row back, complete
        assertThat(patchJson("/api/auth/me", "{\"avatar\":\"https://example.com/a.png\"}", user[1]).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT bio FROM users_view WHERE id = ?", String.class, user[0])).isEqualTo("kept");
    }
}
