package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text that PostgreSQL cannot store (NUL) or that no field legitimately holds (other control
 * characters, lone surrogates) is refused at the edge, for every JSON string and every form or
 * query parameter: 400 {@code invalid_characters} naming the field, and nothing is stored.
 * JSON bodies carry them as escapes ({@code \u0000}), as any JSON encoder writes them.
 */
class ControlCharactersIT extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-1";

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo("invalid_characters");
        assertThat(problem.get("detail").asText()).contains("'" + field + "'");
        assertThat(problem.get("field").asText()).isEqualTo(field);
    }

    @Test
    void aRegistrationWithANulInTheNameIsRefusedAndNothingIsStored() {
        long events = eventCount();
        String email = uniqueEmail("nul");
        Response r = postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"full_name\":\"Eve\\u0000Null\"}");
        assertRefused(r, "full_name");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users_view WHERE email = ?", Long.class, email)).isZero();
        // the same e-mail registers fine without it: nothing was claimed
        assertThat(postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"full_name\":\"Eve Null\"}").status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\u0085", "\\u009f", "\\ud800", "x\\udc00y"})
    void everyControlCharacterAndLoneSurrogateIsRefusedInJson(String escaped) {
        long events = eventCount();
        Response r = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("ctl") + "\",\"password\":\"" + PASSWORD
                + "\",\"full_name\":\"a" + escaped + "b\"}");
        assertRefused(r, "full_name");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void ordinaryWhitespacePersianJoinersAndEmojiAreAccepted() {
        String[] user = registerAndLogin(uniqueEmail("ws"), PASSWORD);
        // tab, line feed, carriage return; ZWNJ (U+200C) is part of Persian spelling; a surrogate pair
        Response r = patchJson("/api/auth/me", "{\"bio\":\"line one\\r\\nline\\ttwo می\\u200cخواهم \\ud83d\\ude00\"}", user[1]);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("bio").asText()).isEqualTo("line one\r\nline\ttwo می\u200cخواهم \uD83D\uDE00");
        assertThat(jdbc.queryForObject("SELECT bio FROM users_view WHERE id = ?", String.class, user[0]))
                .isEqualTo("line one\r\nline\ttwo می\u200cخواهم \uD83D\uDE00");
    }

    @Test
    void aLoginWithANulInTheUsernameIsRefusedAsJsonAndAsAForm() {
        String email = uniqueEmail("nul-login");
        registerAndLogin(email, PASSWORD);
        long events = eventCount();
        assertRefused(postJson("/api/auth/login", "{\"username\":\"" + email + "\\u0000\",\"password\":\"" + PASSWORD + "\"}"),
                "username");
        assertRefused(send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                "username=" + email + "%00&password=" + PASSWORD), "username");
        assertRefused(send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                "username=" + email + "&password=" + PASSWORD + "%01"), "password");
        assertThat(eventCount()).as("no login, no failed-login event").isEqualTo(events);
        // the account is not locked or counted against: the real login still works
        assertThat(loginJson(email, PASSWORD).has("access_token")).isTrue();
    }

    @Test
    void anAdminPatchWithANulInTheEmailIsRefused() {
        String root = rootToken();
        String[] user = registerAndLogin(uniqueEmail("nul-admin"), PASSWORD);
        long events = eventCount();
        assertRefused(patchJson("/api/admin/users/" + user[0], "{\"email\":\"x\\u0000@example.com\"}", root), "email");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aProfileUpdateWithANulInTheBioIsRefused() {
        String[] user = registerAndLogin(uniqueEmail("nul-bio"), PASSWORD);
        long events = eventCount();
        assertRefused(patchJson("/api/auth/me", "{\"bio\":\"hello\\u0000world\"}", user[1]), "bio");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(getAuthed("/api/auth/me", user[1]).json().get("bio").isNull()).isTrue();
    }

    @Test
    void queryParametersAreCheckedToo() {
        String root = rootToken();
        assertRefused(getAuthed("/api/admin/users?search=abc%00", root), "search");
        assertRefused(getAuthed("/api/admin/audit?actor_id=%1B%5B2J", root), "actor_id");
        assertThat(getAuthed("/api/admin/users?search=abc", root).status()).isEqualTo(200);
    }

    @Test
    void aNulInThePathNeverReachesTheApplication() {
        // Tomcat refuses a decoded NUL in the path itself (400, its own HTML page); other characters
        // in a path segment only look something up, and find nothing
        assertThat(get("/api/auth/users/username/ab%00c/public").status()).isEqualTo(400);
        assertThat(get("/api/auth/users/username/ab%07c/public").status()).isEqualTo(404);
    }
}
