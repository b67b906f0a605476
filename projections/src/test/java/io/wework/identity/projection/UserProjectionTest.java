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
import org.mockito.ArgumentCaptor;

class UserProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final UserViewRepository repository = mock(UserViewRepository.class);
    private final UserCache cache = mock(UserCache.class);
    private final UserProjection projection = new UserProjection(repository, cache);

    @Test
    void aRegistrationBecomesAnActiveRowAndACacheEntry() {
        projection.on(new UserRegisteredEvent("u1", "ali@example.com", "09121234567", "Ali", "hash", Role.USER, AT), 0L);

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
    }

    @Test
    void theReadModelNeverHoldsThePasswordHash() {
        projection.on(new UserRegisteredEvent("u1", "a@b.io", null, null, "hash", Role.USER, AT), 0L);
        ArgumentCaptor<UserEntity> saved = ArgumentCaptor.forClass(UserEntity.class);
        verify(repository).save(saved.capture());
        assertThat(saved.getValue().toCached().toString()).doesNotContain("hash");
    }

    @Test
    void anEventAlreadyAppliedChangesNothing() {
        when(repository.existsById("u1")).thenReturn(true);
        projection.on(new UserRegisteredEvent("u1", "a@b.io", null, null, "hash", Role.USER, AT), 0L);
        verify(repository, never()).save(any());
        verify(cache, never()).refreshAfterCommit(any());
    }

    @Test
    void thePublicViewHidesEmailAndPhone() {
        CachedUser user = new CachedUser("u1", "a@b.io", "09121234567", "Ali", "ali", null, null, Role.USER, true, AT, 0);
        assertThat(user.toPublic().toString()).doesNotContain("a@b.io").doesNotContain("09121234567");
    }
}
