package io.wework.platform.messaging;

import io.wework.common.api.MetadataKeys;
import io.wework.platform.security.CurrentUser;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Sends a command and waits for its answer, at most {@code wework.commands.timeout}: the one way
 * controllers and use cases send commands. Whatever the handler throws comes out unchanged (a
 * {@code DomainException} as itself, so the problem+json mapping sees it); a timeout comes out as
 * Axon's {@code CommandExecutionException} around a {@code TimeoutException} (503). The command's
 * transaction has committed when the answer arrives, and with it the read models the caller's own
 * next reads use (see "Read-your-writes" in the README): there is nothing more to wait for.
 */
public class CommandSender {

    private final CommandGateway gateway;
    private final long timeoutMillis;

    public CommandSender(CommandGateway gateway, CommandSettings settings) {
        this.gateway = gateway;
        this.timeoutMillis = settings.timeout().toMillis();
    }

    /** Sends {@code command}; the dispatch interceptor stamps the caller (or {@code anonymous}) as its actor. */
    public <R> R send(Object command) {
        return gateway.sendAndWait(command, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code command} with {@code actor_id = actorWhenAnonymous} when the request has no
     * authenticated caller: a login, where the user proves who they are, or a job of the system.
     * With an authenticated caller, the caller is the actor, as in {@link #send(Object)}.
     */
    public <R> R send(Object command, String actorWhenAnonymous) {
        return CurrentUser.optional().isEmpty() ? sendAs(command, actorWhenAnonymous) : send(command);
    }

    /** Sends {@code command} with {@code actor_id = actorId} whoever the caller is: a job of the system. */
    public <R> R sendAs(Object command, String actorId) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(MetadataKeys.ACTOR_ID, actorId)));
        return gateway.sendAndWait(message, timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
