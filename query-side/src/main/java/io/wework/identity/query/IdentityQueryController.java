package io.wework.identity.query;

import io.wework.common.api.DomainException;
import io.wework.identity.api.FetchUserStatsQuery;
import io.wework.identity.api.FindUsersQuery;
import io.wework.identity.api.Role;
import io.wework.identity.api.UserPage;
import io.wework.identity.api.UserStatsView;
import io.wework.identity.query.AccountHistory.HistoryEntry;
import io.wework.platform.messaging.QuerySender;
import io.wework.platform.security.CurrentUser;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Identity reads beyond the profile: Telegram settings, own history, admin listing and stats. */
@RestController
public class IdentityQueryController {

    private final QuerySender queries;
    private final TelegramSettingsReader telegramSettings;
    private final AccountHistory history;

    public IdentityQueryController(QuerySender queries, TelegramSettingsReader telegramSettings, AccountHistory history) {
        this.queries = queries;
        this.telegramSettings = telegramSettings;
        this.history = history;
    }

    public record TelegramSettings(boolean telegramEnabled, String telegramBotToken, String telegramChatId) {
        @Override
        public String toString() {
            return "TelegramSettings[enabled=" + telegramEnabled + "]";
        }
    }

    @GetMapping("/api/auth/me/telegram")
    public TelegramSettings telegram() {
        TelegramSettingsReader.Settings settings = telegramSettings.read(CurrentUser.required().userId());
        return new TelegramSettings(settings.enabled(), settings.botToken(), settings.chatId());
    }

    /** The caller's own account events, newest first, without their {@code @Sensitive} fields. */
    @GetMapping("/api/auth/me/history")
    public List<HistoryEntry> history() {
        return history.of(CurrentUser.required().userId());
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
        return queries.ask(new FindUsersQuery(search, active, roleFilter, skip, limit), UserPage.class);
    }

    /** The users part of WeWork's admin stats. */
    @GetMapping("/api/admin/stats")
    public UserStatsView stats() {
        return queries.ask(new FetchUserStatsQuery(), UserStatsView.class);
    }
}
