package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.support.AfterCommitFault;
import io.wework.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;

/**
 * The cached profile (issue 11, item 1): a change acknowledged with 200 is what every later read shows,
 * whatever happened to the cache write after its commit — Redis refusing it, Redis losing its data — and
 * a change Redis cannot be told of before its commit is refused with 503 and not stored. Each test was
 * first run against the code before the fix, and failed there.
 */
class ProfileCacheIT extends IntegrationTest {

    private static final String PASSWORD = "profile-cache-1";

    @Autowired
    private AfterCommitFault fault;

    private String bioOfMe(String token) {
        Response me = getAuthed("/api/auth/me", token);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        return me.json().get("bio").asText();
    }

    private String bioInPublic(String id) {
        Response profile = get("/api/auth/users/" + id + "/public");
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        return profile.json().get("bio").asText();
    }

    private static String key(String id) {
        return "wework:identity:profile:" + id;
    }

    private String field(String id, String name) {
        return (String) redis.opsForHash().get(key(id), name);
    }

    private long rowVersion(String id) {
        return jdbc.queryForObject("SELECT version FROM users_view WHERE id = ?", Long.class, id);
    }

    /** A user whose profile says "before" and is cached (read once). */
    private String[] cachedUser(String prefix) {
        String[] user = registerAndLogin(uniqueEmail(prefix), PASSWORD);
        assertThat(patchJson("/api/auth/me", "{\"bio\":\"before\"}", user[1]).status()).isEqualTo(200);
        assertThat(bioOfMe(user[1])).isEqualTo("before");
        assertThat(bioInPublic(user[0])).isEqualTo("before");
        return user;
    }

    @Test
    void aChangeWhoseCacheWriteFailedAfterTheCommitIsNeverServedStale() throws Exception {
        String[] user = cachedUser("stale-profile");
        AfterCommitFault.arm(user[0]);
        try {
            assertThat(patchJson("/api/auth/me", "{\"bio\":\"after\"}", user[1]).status()).isEqualTo(200);
            // committed, its cache write refused: Redis still holds the profile from before it
            assertThat(bioOfMe(user[1])).as("the stale entry is not served").isEqualTo("after");
            assertThat(bioInPublic(user[0])).isEqualTo("after");
            String stale = field(user[0], "s");
            assertThat(JSON.readTree(stale.substring(stale.indexOf('|') + 1)).get("bio").asText()).isEqualTo("before");
        } finally {
            fault.heal();
        }
        // once Redis takes writes again, a read puts the current profile back, and that is what is served
        assertThat(bioOfMe(user[1])).isEqualTo("after");
        assertThat(bioInPublic(user[0])).isEqualTo("after");
        String value = field(user[0], "s");
        assertThat(Long.parseLong(value.substring(0, value.indexOf('|')))).isEqualTo(rowVersion(user[0]))
                .isGreaterThanOrEqualTo(Long.parseLong(field(user[0], "m")));
        assertThat(JSON.readTree(value.substring(value.indexOf('|') + 1)).get("bio").asText()).isEqualTo("after");
    }

    @Test
    void afterRedisLosesItsDataTheProfileIsReadFromPostgresCachedAgainAndServedFromRedis() throws Exception {
        String[] user = cachedUser("flushed-profile");
        AfterCommitFault.arm(user[0]);
        try {
            assertThat(patchJson("/api/auth/me", "{\"bio\":\"after\"}", user[1]).status()).isEqualTo(200);
        } finally {
            fault.heal();
        }
        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
        assertThat(bioInPublic(user[0])).isEqualTo("after");
        assertThat(bioOfMe(user[1])).isEqualTo("after");
        // put back at the row's version, with the configured TTL
        String value = field(user[0], "s");
        long version = rowVersion(user[0]);
        assertThat(value).startsWith(version + "|");
        assertThat(redis.getExpire(key(user[0]))).isBetween(3500L, 3600L);

        // and from then on served from Redis alone: a fresh entry is what the reads believe
        com.fasterxml.jackson.databind.node.ObjectNode entry =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(value.substring(value.indexOf('|') + 1));
        entry.put("bio", "only in redis");
        redis.opsForHash().put(key(user[0]), "s", version + "|" + entry);
        assertThat(bioOfMe(user[1])).isEqualTo("only in redis");
        assertThat(bioInPublic(user[0])).isEqualTo("only in redis");
        // but not once a newer version is marked
        redis.opsForHash().put(key(user[0]), "m", Long.toString(version + 1));
        redis.opsForHash().put(key(user[0]), "t", "0");
        assertThat(bioOfMe(user[1])).isEqualTo("after");
    }

    @Test
    void aChangeRedisCannotBeToldOfIsRefusedWith503AndNotStored() {
        String[] user = cachedUser("refused-profile");
        long events = eventCount();
        fault.refuseWritesNow();
        Response out;
        try {
            out = patchJson("/api/auth/me", "{\"bio\":\"after\"}", user[1]);
        } finally {
            fault.heal();
        }
        assertThat(out.status()).as(out.body()).isEqualTo(503);
        assertThat(out.header("Retry-After")).isNotNull();
        JsonNode problem = out.json();
        assertThat(problem.get("code").asText()).isEqualTo("dependency_unavailable");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(bioOfMe(user[1])).isEqualTo("before");
        assertThat(bioInPublic(user[0])).isEqualTo("before");
    }
}
