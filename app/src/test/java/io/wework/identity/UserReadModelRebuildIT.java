package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wework.identity.projection.UserProjection;
import io.wework.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The users read model is disposable: dropped by hand (table and tokens, as README describes) and
 * rebuilt from the event store by a replay, it holds exactly the rows it held when built live.
 */
class UserReadModelRebuildIT extends IntegrationTest {

    private static final String ROWS = "SELECT id, email, phone_number, full_name, username, bio, avatar, role, is_active, "
            + "created_at, version FROM users_view ORDER BY id";

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private io.wework.platform.processing.ProjectionAdmin projections;

    @Test
    void aRebuiltReadModelEqualsTheLiveOne() {
        for (int i = 0; i < 5; i++) {
            registerAndLogin(uniqueEmail("rebuild" + i), "correct-horse-1");
        }
        List<Map<String, Object>> live = jdbc.queryForList(ROWS);
        assertThat(live).hasSizeGreaterThanOrEqualTo(5);

        StreamingEventProcessor users = processing
                .eventProcessor(UserProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
        users.shutDown();
        jdbc.update("TRUNCATE users_view");
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", UserProjection.GROUP);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users_view", Long.class)).isZero();
        // users is replay-only: with its tokens gone, the replay rebuilds the table from the first event
        projections.replay(UserProjection.GROUP);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.queryForList(ROWS)).isEqualTo(live));
    }
}
