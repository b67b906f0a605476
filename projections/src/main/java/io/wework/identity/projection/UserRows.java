package io.wework.identity.projection;

import io.wework.identity.api.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes {@code users_view} rows with plain JDBC: one conditional upsert per row, batched, which
 * keeps a row only when it is newer than the stored one ({@code version}); so the inline projection,
 * a replay and a catch-up may write the same row in any order and the newest fold wins.
 * (Reads for the API stay on JPA, {@link UserViewRepository}.)
 */
@Repository
public class UserRows {

    private static final String COLUMNS = "id, email, phone_number, full_name, username, bio, avatar, role, is_active, "
            + "created_at, updated_at, version, tokens_not_before, telegram_enabled, telegram_bot_token, telegram_chat_id, sessions";
    private static final String UPSERT = "INSERT INTO users_view (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, phone_number = EXCLUDED.phone_number, "
            + "full_name = EXCLUDED.full_name, username = EXCLUDED.username, bio = EXCLUDED.bio, avatar = EXCLUDED.avatar, "
            + "role = EXCLUDED.role, is_active = EXCLUDED.is_active, created_at = EXCLUDED.created_at, "
            + "updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, tokens_not_before = EXCLUDED.tokens_not_before, "
            + "telegram_enabled = EXCLUDED.telegram_enabled, telegram_bot_token = EXCLUDED.telegram_bot_token, "
            + "telegram_chat_id = EXCLUDED.telegram_chat_id, sessions = EXCLUDED.sessions WHERE users_view.version < EXCLUDED.version";

    private final JdbcTemplate jdbc;

    public UserRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserEntity> find(String id) {
        List<UserEntity> rows = jdbc.query("SELECT " + COLUMNS + " FROM users_view WHERE id = ?", UserRows::map, id);
        return rows.stream().findFirst();
    }

    /** Stores each row unless the table already holds that user at the same or a later version. */
    public void upsert(Collection<UserEntity> rows) {
        if (rows.size() == 1) {
            UserEntity row = rows.iterator().next();
            jdbc.update(UPSERT, ps -> bind(ps, row));
            return;
        }
        jdbc.batchUpdate(UPSERT, rows, rows.size(), UserRows::bind);
    }

    public void truncate() {
        jdbc.update("TRUNCATE users_view");
    }

    private static void bind(PreparedStatement ps, UserEntity u) throws SQLException {
        ps.setString(1, u.getId());
        ps.setString(2, u.getEmail());
        ps.setString(3, u.getPhoneNumber());
        ps.setString(4, u.getFullName());
        ps.setString(5, u.getUsername());
        ps.setString(6, u.getBio());
        ps.setString(7, u.getAvatar());
        ps.setString(8, u.getRole().name());
        ps.setBoolean(9, u.isActive());
        ps.setTimestamp(10, Timestamp.from(u.getCreatedAt()));
        ps.setTimestamp(11, Timestamp.from(u.getUpdatedAt()));
        ps.setLong(12, u.getVersion());
        if (u.getTokensNotBefore() == null) {
            ps.setNull(13, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(13, Timestamp.from(u.getTokensNotBefore()));
        }
        ps.setBoolean(14, u.isTelegramEnabled());
        ps.setString(15, u.getTelegramBotToken());
        ps.setString(16, u.getTelegramChatId());
        ps.setString(17, u.getSessions().toJson());
    }

    private static UserEntity map(ResultSet rs, int row) throws SQLException {
        UserEntity u = UserEntity.created(rs.getString("id"), instant(rs, "created_at"));
        u.setEmail(rs.getString("email"));
        u.setPhoneNumber(rs.getString("phone_number"));
        u.setFullName(rs.getString("full_name"));
        u.setUsername(rs.getString("username"));
        u.setBio(rs.getString("bio"));
        u.setAvatar(rs.getString("avatar"));
        u.setRole(Role.valueOf(rs.getString("role")));
        u.setActive(rs.getBoolean("is_active"));
        u.setUpdatedAt(instant(rs, "updated_at"));
        u.setVersion(rs.getLong("version"));
        u.setTokensNotBefore(instant(rs, "tokens_not_before"));
        u.setTelegramEnabled(rs.getBoolean("telegram_enabled"));
        u.setTelegramBotToken(rs.getString("telegram_bot_token"));
        u.setTelegramChatId(rs.getString("telegram_chat_id"));
        u.setSessions(LiveSessions.fromJson(rs.getString("sessions")));
        return u;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
