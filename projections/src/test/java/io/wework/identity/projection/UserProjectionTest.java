package io.wework.identity.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wework.identity.api.AllSessionsEndedEvent;
import io.wework.identity.api.PasswordChangedEvent;
import io.wework.identity.api.SessionRefreshedEvent;
import io.wework.identity.api.UserActivatedEvent;
import io.wework.identity.api.Role;
import io.wework.identity.api.SessionRevokedEvent;
import io.wework.identity.api.SessionStartedEvent;
import io.wework.identity.api.TelegramSettingsChangedEvent;
import io.wework.identity.api.UserDeactivatedEvent;
import io.wework.identity.api.UserProfileUpdatedEvent;
import io.wework.identity.api.UserRegisteredEvent;
import io.wework.identity.api.UserRoleChangedEvent;
import io.wework.identity.api.UsernameSetEvent;
import io.wework.platform.processing.ReplayRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The users read model: the fold of a user's events ({@link UserFold}) and how the inline projection
 * and the replay write it ({@link UsersViewWriter}), each event handled inside an Axon unit of work
 * as the processors do, with the rows, Redis writers and event store mocked.
 */
class UserProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private final UserRows rows = mock(UserRows.class);
    private final UserCache cache = mock(UserCache.class);
    private final AuthStateGuard authState = mock(AuthStateGuard.class);
    private final EventStore eventStore = mock(EventStore.class);
    private final List<List<UserEntity>> written = new ArrayList<>();
    private UsersViewWriter writer;
    private UserInlineProjection inline;
    private UserProjection replay;
    private final ReplayRuns replayRuns = new ReplayRuns();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        ObjectProvider<EventStore> store = mock(ObjectProvider.class);
        when(store.getObject()).thenReturn(eventStore);
        writer = new UsersViewWriter(rows, cache, authState, store, new UserCacheSettings(Duration.ofHours(1), 100));
        inline = new UserInlineProjection(writer);
        replay = new UserProjection(writer, replayRuns);
        org.mockito.Mockito.doAnswer(a -> {
            written.add(new ArrayList<>((Collection<UserEntity>) a.getArgument(0)));
            return null;
        }).when(rows).upsert(any());
        TransactionSynchronizationManager.initSynchronization();
    }

    @AfterEach
    void tearDown() {
        TransactionSynchronizationManager.clearSynchronization();
    }

    private static DomainEventMessage<?> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("User", "u1", sequence, payload);
    }

    private static UserRegisteredEvent registered() {
        return new UserRegisteredEvent("u1", "ali@example.com", "09121234567", false, "Ali", "hash", Role.USER, AT);
    }

    /** Runs the messages through the inline projection in one unit of work (one command), then "commits". */
    private void inline(DomainEventMessage<?>... messages) {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(messages[0]);
        for (DomainEventMessage<?> m : messages) {
            inline.on(m.getPayload(), m);
        }
        uow.commit();
        TransactionSynchronizationManager.getSynchronizations().forEach(s -> s.afterCommit());
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
    }

    private void replayed(DomainEventMessage<?>... messages) {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(messages[0]);
        for (DomainEventMessage<?> m : messages) {
            replay.on(m.getPayload(), m, ReplayStatus.REPLAY);
        }
        uow.commit();
    }

    private void live(DomainEventMessage<?> message) {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(message);
        replay.on(message.getPayload(), message, ReplayStatus.REGULAR);
        uow.commit();
    }

    @Test
    void theReplayProcessorAppliesLiveEventsOnlyWhileAReplayStartedHereRuns() {
        live(event(0, registered()));
        assertThat(written).isEmpty(); // no replay: the inline projection has applied it

        replayRuns.start(UserProjection.GROUP, 10);
        live(event(0, registered()));
        assertThat(written).hasSize(1);
        assertThat(lastWritten().getId()).isEqualTo("u1");

        replayRuns.finish(UserProjection.GROUP);
        live(event(1, new UsernameSetEvent("u1", "ali", AT.plusSeconds(1))));
        assertThat(written).hasSize(1);
    }

    private UserEntity lastWritten() {
        List<UserEntity> batch = written.get(written.size() - 1);
        return batch.get(batch.size() - 1);
    }

    private void storedRow(long version) {
        UserEntity row = UserFold.created(registered(), 0);
        row.setVersion(version);
        when(rows.find("u1")).thenReturn(Optional.of(row));
    }

    @Test
    void aRegistrationBecomesAnActiveRowACacheEntryAndAnAccessState() {
        inline(event(0, registered()));
        UserEntity row = lastWritten();
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
        verify(authState, never()).markBeforeCommit(anyString(), anyLong()); // no entry can exist to invalidate
        verify(cache, never()).markBeforeCommit(anyString(), anyLong());
        verify(rows, never()).find(any()); // a registration needs no lookup
    }

    @Test
    void aRoleChangeUpdatesTheRowTheCacheAndTheAccessState() {
        storedRow(0);
        inline(event(1, new UserRoleChangedEvent("u1", Role.ADMIN, Role.USER, AT.plusSeconds(5))));
        UserEntity row = lastWritten();
        assertThat(row.getRole()).isEqualTo(Role.ADMIN);
        assertThat(row.getVersion()).isEqualTo(1);
        assertThat(row.getUpdatedAt()).isEqualTo(AT.plusSeconds(5));
        verify(cache).refreshAfterCommit(row);
        verify(authState).markBeforeCommit("u1", 1);
        verify(authState).refreshAfterCommit(row);
    }

    @Test
    void aProfileUpdateKeepsFieldsItDoesNotNameAndLeavesTheAccessState() {
        storedRow(0);
        inline(event(1, new UserProfileUpdatedEvent("u1", null, "bio", null, AT)));
        assertThat(lastWritten().getFullName()).isEqualTo("Ali");
        assertThat(lastWritten().getBio()).isEqualTo("bio");
        verify(cache).markBeforeCommit("u1", 1); // before the commit: the cached profile is no longer served
        verify(cache).refreshAfterCommit(lastWritten());
        verify(authState, never()).markBeforeCommit(anyString(), anyLong());
        verify(authState, never()).refreshAfterCommit(any());
    }

    @Test
    void aNulInAnEventIsShownAsAReplacementCharacterSoTheRowCanBeStored() {
        // a row behind an event stored before the edge refused NUL: the deactivation must still be written
        storedRow(0);
        when(eventStore.readEvents("u1", 1)).thenReturn(DomainEventStream.of(
                event(1, new UserProfileUpdatedEvent("u1", "A\u0000li", "b\u0000io", null, AT)),
                event(2, new UserDeactivatedEvent("u1", AT))));
        inline(event(2, new UserDeactivatedEvent("u1", AT)));
        assertThat(lastWritten().getFullName()).isEqualTo("A\uFFFDli");
        assertThat(lastWritten().getBio()).isEqualTo("b\uFFFDio");
        assertThat(lastWritten().isActive()).isFalse();
        UserEntity created = UserFold.created(new UserRegisteredEvent("u2", "e\u0000@x.io", null, false, "N\u0000", "h", Role.USER, AT), 0);
        assertThat(created.getEmail()).isEqualTo("e\uFFFD@x.io");
        assertThat(created.getFullName()).isEqualTo("N\uFFFD");
    }

    @Test
    void aPasswordChangeInvalidatesOlderTokens() {
        storedRow(3);
        inline(event(4, new PasswordChangedEvent("u1", "hash", AT.plusSeconds(60))));
        assertThat(lastWritten().getTokensNotBefore()).isEqualTo(AT.plusSeconds(60));
        verify(authState).markBeforeCommit("u1", 4);
        verify(authState).refreshAfterCommit(lastWritten());
    }

    @Test
    void aContactChangeByAnAdminEndsEverySession() {
        storedRow(0);
        inline(event(1, started("s1", AT)), event(2, started("s2", AT)));
        inline(event(3, new io.wework.identity.api.UserContactChangedByAdminEvent("u1", "root", false, true, null,
                "09121234567", AT.plusSeconds(90))), event(4, new AllSessionsEndedEvent("u1", "contact_changed", AT.plusSeconds(90))));
        assertThat(lastWritten().getSessions().ids()).isEmpty();
        verify(authState).markBeforeCommit("u1", 4);
    }

    @Test
    void aReleasedPhoneLeavesTheRow() {
        storedRow(0);
        inline(event(1, new io.wework.identity.api.UserPhoneReleasedEvent("u1", "09121234567", "proved_by_another_account",
                AT.plusSeconds(5))));
        assertThat(lastWritten().getPhoneNumber()).isNull();
        assertThat(lastWritten().getUpdatedAt()).isEqualTo(AT.plusSeconds(5));
        verify(cache).refreshAfterCommit(lastWritten());
        verify(authState, never()).refreshAfterCommit(any());
    }

    @Test
    void eventsTheRowDoesNotShowStillMoveItsVersion() {
        storedRow(0);
        inline(event(1, new SessionStartedEvent("u1", "s1", "h", AT.plusSeconds(3600), AT)));
        assertThat(lastWritten().getVersion()).isEqualTo(1);
    }

    @Test
    void severalEventsOfOneCommandAreWrittenOnce() {
        storedRow(0);
        inline(event(1, new UsernameSetEvent("u1", "ali", AT)), event(2, new UserProfileUpdatedEvent("u1", null, "bio", null, AT)));
        assertThat(written).hasSize(1);
        assertThat(lastWritten().getUsername()).isEqualTo("ali");
        assertThat(lastWritten().getBio()).isEqualTo("bio");
        assertThat(lastWritten().getVersion()).isEqualTo(2);
    }

    @Test
    void aRowBehindItsEventIsCaughtUpFromTheEventStore() {
        storedRow(0); // event 1 was never folded in (e.g. the table is being rebuilt)
        when(eventStore.readEvents("u1", 1)).thenReturn(DomainEventStream.of(
                event(1, new UsernameSetEvent("u1", "ali", AT)), event(2, new UserDeactivatedEvent("u1", AT))));
        inline(event(2, new UserDeactivatedEvent("u1", AT)));
        assertThat(lastWritten().getUsername()).isEqualTo("ali");
        assertThat(lastWritten().isActive()).isFalse();
        assertThat(lastWritten().getVersion()).isEqualTo(2);
    }

    @Test
    void aMissingRowIsRebuiltFromTheEventStore() {
        when(rows.find("u1")).thenReturn(Optional.empty());
        when(eventStore.readEvents("u1", 0)).thenReturn(DomainEventStream.of(
                event(0, registered()), event(1, new UsernameSetEvent("u1", "ali", AT))));
        inline(event(1, new UsernameSetEvent("u1", "ali", AT)));
        assertThat(lastWritten().getEmail()).isEqualTo("ali@example.com");
        assertThat(lastWritten().getUsername()).isEqualTo("ali");
    }

    @Test
    void theNextCommandStartsFromTheRowThisNodeCommittedWithoutALookup() {
        inline(event(0, registered()));
        inline(event(1, new UsernameSetEvent("u1", "ali", AT)));
        verify(rows, never()).find(any());
        assertThat(lastWritten().getUsername()).isEqualTo("ali");
        assertThat(lastWritten().getEmail()).isEqualTo("ali@example.com");
    }

    @Test
    void telegramSettingsStayEncrypted() {
        storedRow(0);
        inline(event(1, new TelegramSettingsChangedEvent("u1", true, "v1:sealed", "42", AT)));
        assertThat(lastWritten().getTelegramBotToken()).isEqualTo("v1:sealed");
        assertThat(lastWritten().toCached().toString()).doesNotContain("v1:sealed");
    }

    private static SessionStartedEvent started(String session, Instant at) {
        return new SessionStartedEvent("u1", session, "h", at.plus(Duration.ofDays(30)), at);
    }

    @Test
    void aLoginAddsItsSessionToTheAccessStateAndALogoutRemovesIt() {
        storedRow(0);
        inline(event(1, started("s1", AT)));
        assertThat(lastWritten().getSessions().ids()).containsExactly("s1");
        assertThat(lastWritten().getSessions().toJson()).isEqualTo("{\"s1\":\"2026-12-26T10:00:00Z\"}");
        verify(authState).markBeforeCommit("u1", 1);
        verify(authState).refreshAfterCommit(lastWritten());

        inline(event(2, started("s2", AT)));
        inline(event(3, new SessionRevokedEvent("u1", "s1", "logout", "jti-1", AT.plusSeconds(600), AT)));
        assertThat(lastWritten().getSessions().ids()).containsExactly("s2");
        verify(authState).markBeforeCommit("u1", 3);
    }

    @Test
    void aRefreshKeepsItsSessionAndLeavesTheAccessStateAlone() {
        storedRow(0);
        inline(event(1, started("s1", AT)));
        org.mockito.Mockito.clearInvocations(authState);
        inline(event(2, new SessionRefreshedEvent("u1", "s1", "h", "h2", AT.plus(Duration.ofDays(31)), AT.plusSeconds(60))));
        assertThat(lastWritten().getSessions().ids()).containsExactly("s1");
        assertThat(lastWritten().getVersion()).isEqualTo(2);
        verify(authState, never()).markBeforeCommit(anyString(), anyLong());
        verify(authState, never()).refreshAfterCommit(any());
    }

    @Test
    void aReplayedRefreshTokenEndsItsSession() {
        storedRow(0);
        inline(event(1, started("s1", AT)), event(2, started("s2", AT)));
        inline(event(3, new SessionRevokedEvent("u1", "s1", "refresh_token_reuse", null, null, AT)));
        assertThat(lastWritten().getSessions().ids()).containsExactly("s2");
    }

    @Test
    void everySessionEndsAtOnceAndARestoredAccountOrRoleRevivesNone() {
        storedRow(0);
        inline(event(1, started("s1", AT)), event(2, started("s2", AT)));
        inline(event(3, new UserDeactivatedEvent("u1", AT)), event(4, new AllSessionsEndedEvent("u1", "deactivated", AT)));
        assertThat(lastWritten().getSessions().ids()).isEmpty();
        inline(event(5, new UserActivatedEvent("u1", AT.plusSeconds(5))));
        assertThat(lastWritten().isActive()).isTrue();
        assertThat(lastWritten().getSessions().ids()).as("reactivation brings no session back").isEmpty();

        inline(event(6, started("s3", AT.plusSeconds(6))));
        inline(event(7, new UserRoleChangedEvent("u1", Role.ADMIN, Role.USER, AT.plusSeconds(7))),
                event(8, new AllSessionsEndedEvent("u1", "role_changed", AT.plusSeconds(7))));
        inline(event(9, new UserRoleChangedEvent("u1", Role.USER, Role.ADMIN, AT.plusSeconds(8))),
                event(10, new AllSessionsEndedEvent("u1", "role_changed", AT.plusSeconds(8))));
        assertThat(lastWritten().getRole()).isEqualTo(Role.USER);
        assertThat(lastWritten().getSessions().ids()).as("the old role given back brings no session back").isEmpty();
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndKeepsTheCallers() {
        storedRow(0);
        inline(event(1, started("s1", AT)), event(2, started("s2", AT)));
        inline(event(3, new PasswordChangedEvent("u1", "hash", AT.plusSeconds(60))),
                event(4, new SessionRevokedEvent("u1", "s2", "password_changed", null, null, AT.plusSeconds(60))),
                event(5, new SessionRefreshedEvent("u1", "s1", "h", "h2", AT.plus(Duration.ofDays(30)), AT.plusSeconds(60))));
        assertThat(lastWritten().getSessions().ids()).containsExactly("s1");
        assertThat(lastWritten().getTokensNotBefore()).isEqualTo(AT.plusSeconds(60));
    }

    @Test
    void sessionsWhoseRefreshTokenExpiredAreDroppedWhenTheNextStartsAsInTheAggregate() {
        storedRow(0);
        inline(event(1, started("old", AT)));
        Instant later = AT.plus(Duration.ofDays(31));
        inline(event(2, started("new", later)));
        assertThat(lastWritten().getSessions().ids()).containsExactly("new");
    }

    @Test
    void aRedisThatCannotBeToldFailsTheCommand() {
        storedRow(0);
        doThrow(new org.springframework.dao.DataAccessResourceFailureException("Redis is down"))
                .when(authState).markBeforeCommit(anyString(), anyLong());
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(event(1, started("s1", AT)));
        inline.on(started("s1", AT), event(1, started("s1", AT)));
        assertThatThrownBy(uow::commit).hasMessageContaining("Redis is down");
        verify(authState, never()).refreshAfterCommit(any());
    }

    @Test
    void aProfileChangeRedisCannotBeToldOfFailsTheCommand() {
        storedRow(0);
        doThrow(new org.springframework.dao.DataAccessResourceFailureException("Redis is down"))
                .when(cache).markBeforeCommit(anyString(), anyLong());
        UserProfileUpdatedEvent updated = new UserProfileUpdatedEvent("u1", null, "bio", null, AT);
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(event(1, updated));
        inline.on(updated, event(1, updated));
        assertThatThrownBy(uow::commit).hasMessageContaining("Redis is down");
        verify(cache, never()).refreshAfterCommit(any());
    }

    @Test
    void aRowWrittenBeforeSessionsWereKeptIsFoldedAgainFromTheStart() {
        UserEntity migrated = UserFold.created(registered(), 0);
        migrated.setVersion(-1); // V8 marks every row this way
        when(rows.find("u1")).thenReturn(Optional.of(migrated));
        when(eventStore.readEvents("u1", 0)).thenReturn(DomainEventStream.of(event(0, registered()),
                event(1, started("s1", AT)), event(2, new UsernameSetEvent("u1", "ali", AT))));
        inline(event(2, new UsernameSetEvent("u1", "ali", AT)));
        assertThat(lastWritten().getSessions().ids()).containsExactly("s1");
        assertThat(lastWritten().getVersion()).isEqualTo(2);
        verify(authState).markBeforeCommit("u1", 2); // a row that was behind: its cached state is not trusted
    }

    @Test
    void theAccessStateTravelsThroughRedisWhole() {
        AuthState state = new AuthState(7, true, Role.ADMIN, 1234, java.util.Set.of("s2", "s1"));
        assertThat(state.encode()).isEqualTo("7|1|ADMIN|1234|s1,s2");
        assertThat(AuthState.decode(state.encode())).isEqualTo(state);
        AuthState none = new AuthState(0, false, Role.USER, 0, java.util.Set.of());
        assertThat(AuthState.decode(none.encode())).isEqualTo(none);
        assertThat(state.sameAccess(new AuthState(9, true, Role.ADMIN, 1234, java.util.Set.of("s1", "s2")))).isTrue();
        assertThat(state.sameAccess(new AuthState(9, true, Role.ADMIN, 1234, java.util.Set.of("s1")))).isFalse();
        assertThat(LiveSessions.fromJson(null).ids()).isEmpty();
        LiveSessions two = LiveSessions.NONE.started("a", AT, AT).started("b", AT.plusSeconds(1), AT);
        assertThat(LiveSessions.fromJson(two.toJson())).isEqualTo(two);
    }

    @Test
    void theReadModelNeverHoldsThePasswordHash() {
        inline(event(0, registered()));
        assertThat(lastWritten().toCached().toString()).doesNotContain("hash");
    }

    @Test
    void eventsOfOtherAggregatesAreIgnored() {
        DomainEventMessage<?> other = new GenericDomainEventMessage<>("Plan", "p1", 0, "something");
        inline(other);
        assertThat(written).isEmpty();
    }

    @Test
    void thePublicViewHidesEmailAndPhone() {
        CachedUser user = new CachedUser("u1", "a@b.io", "09121234567", "Ali", "ali", null, null, Role.USER, true, AT, 0);
        assertThat(user.toPublic().toString()).doesNotContain("a@b.io").doesNotContain("09121234567");
    }

    @Test
    void aReplayRebuildsRowsInBatchesButLeavesRedisAlone() {
        replay.reset();
        verify(rows).truncate();
        replayed(event(0, registered()), event(1, new UsernameSetEvent("u1", "ali", AT)));
        assertThat(written).hasSize(1);
        assertThat(lastWritten().getUsername()).isEqualTo("ali");
        verify(rows, never()).find(any());
        verify(cache, never()).refreshAfterCommit(any());
        verify(authState, never()).refreshAfterCommit(any());
    }

    @Test
    void aReplayPassesNewEventsByTheInlineProjectionHasThem() {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(event(0, registered()));
        replay.on(registered(), event(0, registered()), ReplayStatus.REGULAR);
        uow.commit();
        assertThat(written).isEmpty();
    }

    @Test
    void aReplayNeverFoldsAnEventOntoARowThatMissesEarlierOnes() {
        storedRow(1); // the table holds the user at version 1; events 2 and 3 come next
        when(eventStore.readEvents("u1", 2)).thenReturn(DomainEventStream.of(
                event(2, new UsernameSetEvent("u1", "ali", AT)), event(3, new UserDeactivatedEvent("u1", AT))));
        replayed(event(3, new UserDeactivatedEvent("u1", AT)));
        assertThat(lastWritten().getUsername()).isEqualTo("ali");
        assertThat(lastWritten().isActive()).isFalse();
        assertThat(lastWritten().getVersion()).isEqualTo(3);
    }

    @Test
    void theRowCanBeBuiltStraightFromTheEvents() {
        DomainEventStream events = DomainEventStream.of(event(0, new UserRegisteredEvent("u1", "a@b.io", null, false, "Ali", "hash", Role.USER, AT)),
                event(1, new UsernameSetEvent("u1", "ali", AT.plusSeconds(1))),
                event(2, new UserRoleChangedEvent("u1", Role.ADMIN, Role.USER, AT.plusSeconds(2))));
        UserEntity user = UserFold.foldAll(null, events);
        assertThat(user.getUsername()).isEqualTo("ali");
        assertThat(user.getRole()).isEqualTo(Role.ADMIN);
        assertThat(user.getVersion()).isEqualTo(2);
        assertThat(UserFold.foldAll(null, DomainEventStream.empty())).isNull();
    }

    @Test
    void anEventTheRowAlreadyHoldsChangesNothing() {
        UserEntity row = UserFold.created(registered(), 0);
        row.setVersion(5);
        assertThat(UserFold.fold(row, new UserDeactivatedEvent("u1", AT), 4)).isSameAs(row);
        assertThat(row.isActive()).isTrue();
        assertThat(row.getVersion()).isEqualTo(5);
    }
}
