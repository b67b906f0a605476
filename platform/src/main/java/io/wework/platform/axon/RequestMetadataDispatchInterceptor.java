package io.wework.platform.axon;

import io.wework.common.api.MetadataKeys;
import io.wework.platform.security.AuthenticatedUser;
import io.wework.platform.web.RequestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Stamps every command dispatched from an HTTP request with who sent it ({@code actor_id}, or
 * {@code anonymous}), from where ({@code client_ip}), and the request's ids. Events inherit them
 * through the correlation data providers, so the event store answers "who did what, from where".
 */
public class RequestMetadataDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> extra = new HashMap<>();
            if (!command.getMetaData().containsKey(MetadataKeys.ACTOR_ID)) {
                extra.put(MetadataKeys.ACTOR_ID, currentActor());
            }
            String requestId = MDC.get(RequestContext.MDC_REQUEST_ID);
            if (requestId != null) {
                extra.putIfAbsent(MetadataKeys.REQUEST_ID, requestId);
                if (!command.getMetaData().containsKey(MetadataKeys.CORRELATION_ID)) {
                    extra.put(MetadataKeys.CORRELATION_ID, MDC.get(RequestContext.MDC_CORRELATION_ID));
                }
            }
            String clientIp = MDC.get(RequestContext.MDC_CLIENT_IP);
            if (clientIp != null && !command.getMetaData().containsKey(MetadataKeys.CLIENT_IP)) {
                extra.put(MetadataKeys.CLIENT_IP, clientIp);
            }
            extra.values().removeIf(v -> v == null);
            return extra.isEmpty() ? command : command.andMetaData(extra);
        };
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AuthenticatedUser user) {
            return user.userId();
        }
        return MetadataKeys.ANONYMOUS;
    }
}
