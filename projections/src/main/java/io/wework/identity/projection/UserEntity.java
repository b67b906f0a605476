package io.wework.identity.projection;

import io.wework.identity.api.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the {@code users_view} read model. */
@Entity
@Table(name = "users_view")
public class UserEntity {

    @Id
    private String id;
    private String email;
    @Column(name = "phone_number")
    private String phoneNumber;
    @Column(name = "full_name")
    private String fullName;
    private String username;
    private String bio;
    private String avatar;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Column(name = "is_active")
    private boolean active;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    /** Sequence number of the last event of the user applied to this row. */
    private long version;
    /** Access tokens issued before this instant are refused (set by a password change). */
    @Column(name = "tokens_not_before")
    private Instant tokensNotBefore;
    /** The sessions that have not ended: an access token is accepted only while its session is here. */
    @Column(name = "sessions")
    @jakarta.persistence.Convert(converter = LiveSessions.Column.class)
    private LiveSessions sessions = LiveSessions.NONE;
    @Column(name = "telegram_enabled")
    private boolean telegramEnabled;
    /** AES-GCM encrypted; decrypted only for the owner. */
    @Column(name = "telegram_bot_token")
    private String telegramBotToken;
    @Column(name = "telegram_chat_id")
    private String telegramChatId;

    protected UserEntity() {
    }

    public static UserEntity created(String id, Instant at) {
        UserEntity e = new UserEntity();
        e.id = id;
        e.createdAt = at;
        e.updatedAt = at;
        return e;
    }

    public String getId() {
        return id;
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhoneNumber() { return phoneNumber; }
    public void setPhoneNumber(String phoneNumber) { this.phoneNumber = phoneNumber; }
    public String getFullName() { return fullName; }
    public void setFullName(String fullName) { this.fullName = fullName; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getBio() { return bio; }
    public void setBio(String bio) { this.bio = bio; }
    public String getAvatar() { return avatar; }
    public void setAvatar(String avatar) { this.avatar = avatar; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }

    public Instant getTokensNotBefore() { return tokensNotBefore; }
    public void setTokensNotBefore(Instant tokensNotBefore) { this.tokensNotBefore = tokensNotBefore; }
    public LiveSessions getSessions() { return sessions == null ? LiveSessions.NONE : sessions; }
    public void setSessions(LiveSessions sessions) { this.sessions = sessions == null ? LiveSessions.NONE : sessions; }
    public boolean isTelegramEnabled() { return telegramEnabled; }
    public void setTelegramEnabled(boolean telegramEnabled) { this.telegramEnabled = telegramEnabled; }
    public String getTelegramBotToken() { return telegramBotToken; }
    public void setTelegramBotToken(String telegramBotToken) { this.telegramBotToken = telegramBotToken; }
    public String getTelegramChatId() { return telegramChatId; }
    public void setTelegramChatId(String telegramChatId) { this.telegramChatId = telegramChatId; }

    /** A detached copy (rows kept in memory between transactions are copied before they are changed). */
    public UserEntity copy() {
        UserEntity c = created(id, createdAt);
        c.email = email;
        c.phoneNumber = phoneNumber;
        c.fullName = fullName;
        c.username = username;
        c.bio = bio;
        c.avatar = avatar;
        c.role = role;
        c.active = active;
        c.updatedAt = updatedAt;
        c.version = version;
        c.tokensNotBefore = tokensNotBefore;
        c.sessions = sessions;
        c.telegramEnabled = telegramEnabled;
        c.telegramBotToken = telegramBotToken;
        c.telegramChatId = telegramChatId;
        return c;
    }

    public CachedUser toCached() {
        return new CachedUser(id, email, phoneNumber, fullName, username, bio, avatar, role, active, createdAt, version);
    }
}
