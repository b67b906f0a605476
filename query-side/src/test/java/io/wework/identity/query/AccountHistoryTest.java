package io.wework.identity.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.common.api.MetadataKeys;
import io.wework.identity.api.Role;
import io.wework.identity.api.TelegramSettingsChangedEvent;
import io.wework.identity.api.UserProfileUpdatedEvent;
import io.wework.identity.api.UserRegisteredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class AccountHistoryTest {

    private static final String ANN = "0193f1b2-0000-7000-8000-000000000001";
    private static final String BOB = "0193f1b2-0000-7000-8000-000000000002";
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final AccountHistory history = new AccountHistory(store);

    @Test
    void theUsersOwnEventsNewestFirstWithoutSecrets() {
        store.publish(
                event(ANN, 0, new UserRegisteredEvent(ANN, "ann@example.com", null, false, "Ann", "$2a$10$hash", Role.USER, T0),
                        MetaData.with(MetadataKeys.ACTOR_ID, "anonymous").and(MetadataKeys.CORRELATION_ID, "c-1")),
                event(BOB, 0, new UserRegisteredEvent(BOB, "bob@example.com", null, false, "Bob", "$2a$10$other", Role.USER, T0),
                        MetaData.emptyInstance()),
                event(ANN, 1, new TelegramSettingsChangedEvent(ANN, true, "v1:sealed", "42", T0.plusSeconds(1)),
                        MetaData.with(MetadataKeys.ACTOR_ID, ANN)),
                event(ANN, 2, new UserProfileUpdatedEvent(ANN, "Ann B", "bio", null, T0.plusSeconds(2)),
                        MetaData.with(MetadataKeys.ACTOR_ID, ANN).and(MetadataKeys.CORRELATION_ID, "c-3")));

        List<AccountHistory.HistoryEntry> entries = history.of(ANN);

        assertThat(entries).extracting(AccountHistory.HistoryEntry::sequence).containsExactly(2L, 1L, 0L);
        AccountHistory.HistoryEntry registered = entries.get(2);
        assertThat(registered.type()).isEqualTo("user.registered");
        assertThat(registered.actorId()).isEqualTo("anonymous");
        assertThat(registered.correlationId()).isEqualTo("c-1");
        assertThat(registered.data()).containsEntry("email", "ann@example.com").containsEntry("full_name", "Ann")
                .doesNotContainKeys("password_hash", "passwordHash", "user_id", "userId");
        assertThat(entries.get(1).data()).containsEntry("chat_id", "42").doesNotContainKey("encrypted_bot_token")
                .doesNotContainValue("v1:sealed");
        AccountHistory.HistoryEntry updated = entries.get(0);
        assertThat(updated.type()).isEqualTo("user.profile_updated");
        assertThat(updated.occurredAt()).isNotNull();
        assertThat(updated.data()).containsEntry("full_name", "Ann B").containsEntry("bio", "bio");
    }

    @Test
    void aUserWithoutEventsHasNoHistory() {
        assertThat(history.of(ANN)).isEmpty();
    }

    private static GenericDomainEventMessage<?> event(String userId, long sequence, Object payload, Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>("User", userId, sequence, payload, metaData);
    }
}
