package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wework.identity.projection.UserProjection;
import io.wework.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The users read model is disposable: dropped by hand (table and tokens, as README describes) and
 * rebuilt from the event store by a replay, it holds exactly the rows it held when built live. The
 * rows compared field by field are this test's own users (other tests alter rows or skip events on
 * purpose); every registered user gets its row back.
 */
class UserReadModelRebuildIT extends IntegrationTest {

    private static final String ROWS = "SELECT id, email, phone_number, full_name, username, bio, avatar, role, is_active, "
            + "created_at, updated_at, version, tokens_not_before, telegram_enabled, telegram_chat_id FROM users_view";

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private io.wework.platform.processing.ProjectionAdmin projections;

    @Test
    void aRebuiltReadModelEqualsTheLiveOne() {
        String root = rootToken();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String[] user = registerAndLogin(uniqueEmail("rebuild" + i), "correct-horse-1");
            ids.add(user[0]);
            // rows with more than a registration in them
            assertThat(patchJson("/api/auth/me", "{\"bio\":\"bio " + i + "\",\"username\":\"rb" + i + "_"
                    + user[0].substring(user[0].length() - 10) + "\"}", user[1]).status()).isEqualTo(200);
        }
        assertThat(patchJson("/api/admin/users/" + ids.get(0), "{\"is_active\":false}", root).status()).isEqualTo(200);
        assertThat(patchJson("/api/admin/users/" + ids.get(1), "{\"role\":\"admin\",\"full_name\":\"Promoted\"}", root)
                .status()).isEqualTo(200);
        String mine = ROWS + " WHERE id IN (" + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "))
                + ") ORDER BY id";
        List<Map<String, Object>> live = jdbc.queryForList(mine);
        assertThat(live).hasSize(5);

        StreamingEventProcessor users = processing
                .eventProcessor(UserProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
        users.shutDown();
        jdbc.update("TRUNCATE users_view");
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", UserProjection.GROUP);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users_view", Long.class)).isZero();
        // users is replay-only: with its tokens gone, the replay rebuilds the table from the first event
        projections.replay(UserProjection.GROUP);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(projections.isReplaying(UserProjection.GROUP)).isFalse();
            assertThat(jdbc.queryForList(mine)).isEqualTo(live);
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users_view", Long.class)).isEqualTo(jdbc.queryForObject(
                "SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry "
                        + "WHERE payload_type = 'io.wework.identity.api.UserRegisteredEvent'", Long.class));
    }
}
