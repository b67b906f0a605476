package io.wework.identity.command;

import io.wework.identity.api.AdminUpdateUserCommand;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.Role;
import io.wework.identity.api.UserView;
import io.wework.identity.command.Requests.AdminUpdateRequest;
import io.wework.platform.axon.AggregateStateAt;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import io.wework.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PATCH /api/admin/users/{id}}: role, activation and contact data, under the super_admin rules;
 * {@code GET /api/admin/users/{id}/as-of}: the account at a past instant, from its events.
 */
@RestController
@RequestMapping("/api/admin/users")
public class AdminUserCommandController {

    private final CommandGateway commands;
    private final AggregateStateAt stateAt;

    public AdminUserCommandController(CommandGateway commands, AggregateStateAt stateAt) {
        this.commands = commands;
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
                .orElseThrow(() -> new io.wework.common.api.DomainException(io.wework.common.api.DomainException.Kind.NOT_FOUND,
                        "user_not_found", "The user did not exist at " + at));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public UserView update(@PathVariable("id") String id, @Valid @RequestBody AdminUpdateRequest request) {
        Role actorRole = Role.fromWireName(CurrentUser.required().role()).orElseThrow();
        Role role = request.role() == null ? null : Role.fromWireName(request.role()).orElseThrow();
        String email = request.email() == null ? null : Requests.lower(request.email());
        try {
            return commands.sendAndWait(new AdminUpdateUserCommand(id, actorRole, role, request.isActive(),
                    request.fullName() == null ? null : request.fullName().trim(), request.phoneNumber(), email),
                    30, TimeUnit.SECONDS);
        } catch (AggregateNotFoundException e) {
            throw IdentityErrors.userNotFound();
        }
    }
}
