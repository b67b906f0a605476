package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.Role;
import io.wework.identity.api.UserView;
import io.wework.identity.command.Requests.AdminUpdateRequest;
import io.wework.platform.axon.AggregateStateAt;
import io.wework.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PATCH /api/admin/users/{id}}: role, activation and contact data, under the super_admin rules;
 * {@code GET /api/admin/users/{id}/as-of}: the account at a past instant, from its events.
 */
@RestController
@RequestMapping("/api/admin/users")
public class AdminUserCommandController {

    private final AdminUserUpdate userUpdate;
    private final AggregateStateAt stateAt;

    public AdminUserCommandController(AdminUserUpdate userUpdate, AggregateStateAt stateAt) {
        this.userUpdate = userUpdate;
        this.stateAt = stateAt;
    }

    public record AsOfView(Instant asOf, long version, Instant lastEventAt, User.StateView state) {
    }

    /** The user's state rebuilt from its events up to {@code at} (ISO instant). */
    @GetMapping("/{id}/as-of")
    public AsOfView asOf(@PathVariable("id") String id,
                         @RequestParam("at") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        return stateAt.load(User.class, id, at)
                .map(s -> new AsOfView(at, s.version(), s.lastEventAt(), s.aggregate().stateView()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                        "user_not_found", "The user did not exist at " + at));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public UserView update(@PathVariable("id") String id, @Valid @RequestBody AdminUpdateRequest request) {
        Role actorRole = Role.fromWireName(CurrentUser.required().role()).orElseThrow();
        Role role = request.role() == null ? null : Role.fromWireName(request.role()).orElseThrow();
        return userUpdate.update(id, actorRole, role, request.isActive(), request.fullName(), request.phoneNumber(),
                request.email());
    }
}
