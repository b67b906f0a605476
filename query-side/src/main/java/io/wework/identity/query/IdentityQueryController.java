package io.wework.identity.query;

import io.wework.common.api.DomainException;
import io.wework.common.api.MetadataKeys;
import io.wework.identity.api.FetchUserStatsQuery;
import io.wework.identity.api.FindTelegramSettingsQuery;
import io.wework.identity.api.FindUsersQuery;
import io.wework.identity.api.Role;
import io.wework.identity.api.TelegramSettingsView;
import io.wework.identity.api.UserPage;
import io.wework.identity.api.UserStatsView;
import io.wework.platform.crypto.SecretBox;
import io.wework.platform.events.EventContract;
import io.wework.platform.security.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Identity reads beyond the profile: Telegram settings, own history, admin listing and stats. */
@RestController
public class IdentityQueryController {

    private final QueryGateway queries;
    private final SecretBox secrets;
    private final EventStore eventStore;

    public IdentityQueryController(QueryGateway queries, SecretBox secrets, EventStore eventStore) {
        this.queries = queries;
        this.secrets = secrets;
        this.eventStore = eventStore;
    }

    public record TelegramSettings(boolean telegramEnabled, String telegramBotToken, String telegramChatId) {
        @Override
        public String toString() {
            return "TelegramSettings[enabled=" + telegramEnabled + "]";
        }
    }

    @GetMapping("/api/auth/me/telegram")
    public TelegramSettings telegram() {
        TelegramSettingsView view = queries.query(new FindTelegramSettingsQuery(CurrentUser.required().userId()),
                ResponseTypes.instanceOf(TelegramSettingsView.class)).orTimeout(10, TimeUnit.SECONDS).join();
        return new TelegramSettings(view.enabled(), secrets.decrypt(view.encryptedBotToken()), view.chatId());
    }

    public record HistoryEntry(String type, long sequence, Instant occurredAt, String actorId, String correlationId,
                               Map<String, Object> data) {
    }

    /** The caller's own account events, newest first, without their {@code @Sensitive} fields. */
    @GetMapping("/api/auth/me/history")
    public List<HistoryEntry> history() {
        String userId = CurrentUser.required().userId();
        List<HistoryEntry> entries = new ArrayList<>();
        eventStore.readEvents(userId, 0).asStream().forEach(event -> {
            DomainEventMessage<?> e = event;
            Map<String, Object> data = EventContract.publicPayload(e.getPayload());
            data.remove("user_id");
            entries.add(new HistoryEntry(EventContract.publicName(e.getPayloadType()), e.getSequenceNumber(), e.getTimestamp(),
                    (String) e.getMetaData().get(MetadataKeys.ACTOR_ID), (String) e.getMetaData().get(MetadataKeys.CORRELATION_ID),
                    data));
        });
        Collections.reverse(entries);
        return entries;
    }

    @GetMapping("/api/admin/users")
    public UserPage users(@RequestParam(name = "search", required = false) String search,
                          @RequestParam(name = "is_active", required = false) Boolean active,
                          @RequestParam(name = "role", required = false) String role,
                          @RequestParam(name = "skip", defaultValue = "0") int skip,
                          @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (skip < 0 || limit < 1 || limit > 200) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed",
                    "skip must be >= 0 and limit between 1 and 200");
        }
        Role roleFilter = role == null || role.isBlank() ? null : Role.fromWireName(role).orElseThrow(() ->
                new DomainException(DomainException.Kind.VALIDATION, "validation_failed", "role must be user, admin or super_admin"));
        return queries.query(new FindUsersQuery(search, active, roleFilter, skip, limit), ResponseTypes.instanceOf(UserPage.class))
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The users part of WeWork's admin stats. */
    @GetMapping("/api/admin/stats")
    public UserStatsView stats() {
        return queries.query(new FetchUserStatsQuery(), ResponseTypes.instanceOf(UserStatsView.class))
                .orTimeout(10, TimeUnit.SECONDS).join();
    }
}
