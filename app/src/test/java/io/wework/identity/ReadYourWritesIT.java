package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.support.IntegrationTest;
import io.wework.support.SmsGatewayStub;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Read-your-writes (README, "the rule every endpoint follows"): with every asynchronous (streaming)
 * processor stopped, each write endpoint's change is visible to the very next read, and the user's
 * {@code users_view} row already holds the user's last stored event when the endpoint answers. So the
 * read model is written in the command's own transaction: were it written by an asynchronous
 * processor, nothing here would see the writes.
 */
class ReadYourWritesIT extends IntegrationTest {

    private static final String PASSWORD = "ryw-pass-123";

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void everyWriteIsReadBackAtOnceWhileTheAsynchronousProcessorsAreStopped() throws Exception {
        String root = rootToken();
        List<StreamingEventProcessor> stopped = new ArrayList<>();
        processing.eventProcessors().values().forEach(p -> {
            if (p instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                streaming.shutdownAsync().join();
                stopped.add(streaming);
            }
        });
        try {
            assertThat(processing.eventProcessors().values()).filteredOn(p -> p instanceof StreamingEventProcessor)
                    .isNotEmpty().noneMatch(p -> p.isRunning());
            writesAreReadBack(root);
        } finally {
            stopped.forEach(StreamingEventProcessor::start);
        }
    }

    private void writesAreReadBack(String root) throws Exception {
        // register
        String email = uniqueEmail("ryw");
        String phone = uniquePhone();
        Response reg = postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"full_name\":\"Read Yours\",\"phone_number\":\"" + phone + "\"}");
        assertThat(reg.status()).isEqualTo(201);
        String id = reg.json().get("id").asText();
        rowHoldsTheLastEvent(id);
        assertThat(get("/api/auth/users/" + id + "/public").json().get("full_name").asText()).isEqualTo("Read Yours");
        assertThat(listed(root, email).get("id").asText()).isEqualTo(id);

        // password login by e-mail, then the profile
        String token = loginJson(email, PASSWORD).get("access_token").asText();
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me", token).json().get("email").asText()).isEqualTo(email);

        // the phone proved by a code, then a password login by phone
        assertThat(postJson("/api/auth/request-otp", "{\"phone_number\":\"" + phone + "\"}").status()).isEqualTo(200);
        Response proved = postAuthed("/api/auth/me/phone/verify", "{\"phone_number\":\"" + phone + "\",\"code\":\""
                + SmsGatewayStub.get().lastCodeFor(phone) + "\"}", token);
        assertThat(proved.status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        JsonNode byPhone = loginJson(phone, PASSWORD);
        rowHoldsTheLastEvent(id);

        // PATCH /me
        String username = "ryw_" + id.substring(id.length() - 10);
        Response patched = patchJson("/api/auth/me", "{\"bio\":\"fresh\",\"username\":\"" + username + "\"}", token);
        assertThat(patched.status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me", token).json().get("bio").asText()).isEqualTo("fresh");
        assertThat(get("/api/auth/users/username/" + username + "/public").json().get("bio").asText()).isEqualTo("fresh");
        assertThat(listed(root, username).get("bio").asText()).isEqualTo("fresh");

        // PATCH /me/telegram (read from users_view itself)
        assertThat(patchJson("/api/auth/me/telegram", "{\"telegram_enabled\":true,\"telegram_chat_id\":\"42\"}", token)
                .status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me/telegram", token).json().get("telegram_chat_id").asText()).isEqualTo("42");

        // refresh: the new pair works at once
        Response refreshed = postJson("/api/auth/refresh", "{\"refresh_token\":\"" + byPhone.get("refresh_token").asText() + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me", refreshed.json().get("access_token").asText()).status()).isEqualTo(200);

        // password change: every other session refused from the next request
        Response changed = postAuthed("/api/auth/me/password", "{\"current_password\":\"" + PASSWORD
                + "\",\"new_password\":\"ryw-pass-456\"}", token);
        assertThat(changed.status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me", refreshed.json().get("access_token").asText()).status()).isEqualTo(401);
        String current = changed.json().get("access_token").asText();
        assertThat(getAuthed("/api/auth/me", current).status()).isEqualTo(200);

        // logout: refused from the next request
        String second = loginJson(email, "ryw-pass-456").get("access_token").asText();
        assertThat(postAuthed("/api/auth/logout", "{}", second).status()).isEqualTo(204);
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me", second).status()).isEqualTo(401);

        // admin changes: name, e-mail, phone; a contact change ends every session from the next request
        String beforeChange = loginJson(email, "ryw-pass-456").get("access_token").asText();
        String newEmail = uniqueEmail("ryw-new");
        String newPhone = uniquePhone();
        Response admin = patchJson("/api/admin/users/" + id, "{\"full_name\":\"Renamed\",\"email\":\"" + newEmail
                + "\",\"phone_number\":\"" + newPhone + "\"}", root);
        assertThat(admin.status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        assertThat(get("/api/auth/users/" + id + "/public").json().get("full_name").asText()).isEqualTo("Renamed");
        assertThat(getAuthed("/api/auth/me", beforeChange).status()).as("a session from before the contact change")
                .isEqualTo(401);
        current = loginJson(newEmail, "ryw-pass-456").get("access_token").asText();
        assertThat(getAuthed("/api/auth/me", current).json().get("email").asText()).isEqualTo(newEmail);
        JsonNode listed = listed(root, newEmail);
        assertThat(listed.get("phone_number").asText()).isEqualTo(newPhone);
        assertThat(listed.get("full_name").asText()).isEqualTo("Renamed");

        // admin: role and deactivation hold from the next request
        assertThat(patchJson("/api/admin/users/" + id, "{\"role\":\"admin\"}", root).status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me", current).status()).as("a token of the old role").isEqualTo(401);
        assertThat(listed(root, newEmail).get("role").get("name").asText()).isEqualTo("admin");
        String asAdmin = loginJson(newEmail, "ryw-pass-456").get("access_token").asText();
        assertThat(getAuthed("/api/admin/stats", asAdmin).status()).isEqualTo(200);
        assertThat(patchJson("/api/admin/users/" + id, "{\"is_active\":false}", root).status()).isEqualTo(200);
        rowHoldsTheLastEvent(id);
        assertThat(getAuthed("/api/auth/me", asAdmin).status()).isEqualTo(401);
        assertThat(get("/api/auth/users/" + id + "/public").status()).isEqualTo(404);
        assertThat(listed(root, newEmail).get("is_active").asBoolean()).isFalse();

        // OTP login of an unknown phone: a new account, readable at once
        String otpPhone = uniquePhone();
        assertThat(postJson("/api/auth/request-otp", "{\"phone_number\":\"" + otpPhone + "\"}").status()).isEqualTo(200);
        Response otp = postJson("/api/auth/login-otp", "{\"phone_number\":\"" + otpPhone + "\",\"code\":\""
                + SmsGatewayStub.get().lastCodeFor(otpPhone) + "\",\"full_name\":\"By Code\"}");
        assertThat(otp.status()).isEqualTo(200);
        JsonNode me = getAuthed("/api/auth/me", otp.json().get("access_token").asText()).json();
        assertThat(me.get("phone_number").asText()).isEqualTo(otpPhone);
        rowHoldsTheLastEvent(me.get("id").asText());
        assertThat(listed(root, otpPhone).get("full_name").asText()).isEqualTo("By Code");
    }

    /** The user's users_view row is at the user's last stored event (written before the endpoint answered). */
    private void rowHoldsTheLastEvent(String id) {
        Long last = jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id);
        List<Long> version = jdbc.queryForList("SELECT version FROM users_view WHERE id = ?", Long.class, id);
        assertThat(version).as("users_view row of %s", id).containsExactly(last);
    }

    /** The one admin-listing item found by {@code search} (the listing reads users_view). */
    private JsonNode listed(String root, String search) {
        JsonNode page = getAuthed("/api/admin/users?search=" + java.net.URLEncoder.encode(search,
                java.nio.charset.StandardCharsets.UTF_8), root).json();
        assertThat(page.get("total").asLong()).as("listing for %s", search).isEqualTo(1);
        return page.get("items").get(0);
    }
}
