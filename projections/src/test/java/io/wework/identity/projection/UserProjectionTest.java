package io.wework.identity.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wework.identity.api.Role;
import io.wework.identity.api.UserRegisteredEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.mockito.ArgumentCaptor;

class UserProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final UserViewRepository repository = mock(UserViewRepository.class);
    private final UserCache cache = mock(UserCache.class);
    private final AuthStateGuard authState = mock(AuthStateGuard.class);
    private final UserProjection projection = new UserProjection(repository, cache, authState, mock(org.springframework.jdbc.core.JdbcTemplate.class));

    @Test
    void aRegistrationBecomesAnActiveRowAndACacheEntry() {
        projection.on(new UserRegisteredEvent("u1", "ali@example.com", "09121234567", "Ali", "hash", Role.USER, AT), 0L, ReplayStatus.REGULAR);

        ArgumentCaptor<UserEntity> saved = ArgumentCaptor.forClass(UserEntity.class);
        verify(repository).save(saved.capture());
        UserEntity row = saved.getValue();
        assertThat(row.isNew()).isTrue();
        assertThat(row.getId()).isEqualTo("u1");
        assertThat(row.getEmail()).isEqualTo("ali@example.com");
        assertThat(row.getPhoneNumber()).isEqualTo("09121234567");
        assertThat(row.getFullName()).isEqualTo("Ali");
        assertThat(row.getRole()).isEqualTo(Role.USER);
        assertThat(row.isActive()).isTrue();
        assertThat(row.getCreatedAt()).isEqualTo(AT);
        assertThat(row.getVersion()).isZero();
        verify(cache).refreshAfterCommit(row);
        verify(authState).refreshAfterCommit(row);
    }

    private UserEntity existing(long version) {
        UserEntity user = UserEntity.created("u1", AT);
        user.setRole(Role.USER);
        user.setActive(true);
        user.setVersion(version);
        when(repository.findById("u1")).thenReturn(java.util.Optional.of(user));
        return user;
    }

    @Test
    void aRoleChangeUpdatesTheRowTheCacheAndTheAccessState() {
        UserEntity user = existing(0);
        projection.on(new io.wework.identity.api.UserRoleChangedEvent("u1", Role.ADMIN, Role.USER, AT.plusSeconds(5)), 1L, ReplayStatus.REGULAR);
        assertThat(user.getRole()).isEqualTo(Role.ADMIN);
        assertThat(user.getVersion()).isEqualTo(1);
        assertThat(user.getUpdatedAt()).isEqualTo(AT.plusSeconds(5));
        verify(cache).refreshAfterCommit(user);
        verify(authState).refreshAfterCommit(user);
    }

    @Test
    void aProfileUpdateKeepsFieldsItDoesNotName() {
        UserEntity user = existing(0);
        user.setFullName("Ali");
        projection.on(new io.wework.identity.api.UserProfileUpdatedEvent("u1", null, "bio", null, AT), 1L, ReplayStatus.REGULAR);
        assertThat(user.getFullName()).isEqualTo("Ali");
        assertThat(user.getBio()).isEqualTo("bio");
        verify(authState, never()).refreshAfterCommit(any());
    }

    @Test
    void aPasswordChangeInvalidatesOlderTokens() {
        UserEntity user = existing(3);
        projection.on(new io.wework.identity.api.PasswordChangedEvent("u1", "hash", AT.plusSeconds(60)), 4L, ReplayStatus.REGULAR);
        assertThat(user.getTokensNotBefore()).isEqualTo(AT.plusSeconds(60));
        verify(authState).refreshAfterCommit(user);
    }

    @Test
    void anOlderEventThanTheRowIsSkipped() {
        UserEntity user = existing(5);
        projection.on(new io.wework.identity.api.UserDeactivatedEvent("u1", AT), 4L, ReplayStatus.REGULAR);
        assertThat(user.isActive()).isTrue();
        verify(cache, never()).refreshAfterCommit(any());
    }

    @Test
    void telegramSettingsStayEncrypted() {
        UserEntity user = existing(0);
        projection.on(new io.wework.identity.api.TelegramSettingsChangedEvent("u1", true, "v1:sealed", "42", AT), 1L, ReplayStatus.REGULAR);
        assertThat(user.getTelegramBotToken()).isEqualTo("v1:sealed");
        assertThat(user.toCached().toString()).doesNotContain("v1:sealed");
    }

    @Test
    void aLogoutDeniesTheAccessToken() {
        Instant exp = Instant.now().plusSeconds(600);
        projection.on(new io.wework.identity.api.SessionRevokedEvent("u1", "s1", "logout", "jti-1", exp, AT), ReplayStatus.REGULAR);
        verify(authState).denyAfterCommit(org.mockito.ArgumentMatchers.eq("jti-1"), org.mockito.ArgumentMatchers.eq(exp), any());
    }

    @Test
    void theReadModelNeverHoldsThePasswordHash() {
        projection.on(new UserRegisteredEvent("u1", "a@b.io", null, null, "hash", Role.USER, AT), 0L, ReplayStatus.REGULAR);
        ArgumentCaptor<UserEntity> saved = ArgumentCaptor.forClass(UserEntity.class);
        verify(repository).save(saved.capture());
        assertThat(saved.getValue().toCached().toString()).doesNotContain("hash");
    }

    @Test
    void anEventAlreadyAppliedChangesNothing() {
        when(repository.existsById("u1")).thenReturn(true);
        projection.on(new UserRegisteredEvent("u1", "a@b.io", null, null, "hash", Role.USER, AT), 0L, ReplayStatus.REGULAR);
        verify(repository, never()).save(any());
        verify(cache, never()).refreshAfterCommit(any());
    }

    @Test
    void thePublicViewHidesEmailAndPhone() {
        CachedUser user = new CachedUser("u1", "a@b.io", "09121234567", "Ali", "ali", null, null, Role.USER, true, AT, 0);
        assertThat(user.toPublic().toString()).doesNotContain("a@b.io").doesNotContain("09121234567");
    }

    @Test
    void aReplayRebuildsRowsButLeavesRedisAlone() {
        projection.reset();
        projection.on(new UserRegisteredEvent("u1", "a@b.io", null, null, "hash", Role.USER, AT), 0L, ReplayStatus.REPLAY);
        verify(repository).save(any());
        verify(repository, never()).existsById(any()); // the reset truncated the table
        verify(cache, never()).refreshAfterCommit(any());
        verify(authState, never()).refreshAfterCommit(any());
    }

    @Test
    void aReplayNotStartedByThisNodesResetStillChecksForExistingRows() {
        when(repository.existsById("u1")).thenReturn(true);
        projection.on(new UserRegisteredEvent("u1", "a@b.io", null, null, "hash", Role.USER, AT), 0L, ReplayStatus.REPLAY);
        verify(repository, never()).save(any());
    }

    @Test
    void theRowCanBeBuiltStraightFromTheEvents() {
        DomainEventStream events = DomainEventStream.of(
                new GenericDomainEventMessage<>("User", "u1", 0,
                        new UserRegisteredEvent("u1", "a@b.io", null, "Ali", "hash", Role.USER, AT)),
                new GenericDomainEventMessage<>("User", "u1", 1,
                        new io.wework.identity.api.UsernameSetEvent("u1", "ali", AT.plusSeconds(1))),
                new GenericDomainEventMessage<>("User", "u1", 2,
                        new io.wework.identity.api.UserRoleChangedEvent("u1", Role.ADMIN, Role.USER, AT.plusSeconds(2))));
        UserEntity user = UserProjection.fromEvents(events).orElseThrow();
        assertThat(user.getUsername()).isEqualTo("ali");
        assertThat(user.getRole()).isEqualTo(Role.ADMIN);
        assertThat(user.getVersion()).isEqualTo(2);
        assertThat(UserProjection.fromEvents(DomainEventStream.empty())).isEmpty();
    }
}
