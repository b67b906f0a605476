package io.wework.platform.messaging;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Sends a query and waits for its answer, at most {@code wework.queries.timeout}: the one way
 * controllers ask the query bus. A failure comes out as the {@code CompletionException} around the
 * handler's exception (the problem+json mapping unwraps it); a timeout as one around a
 * {@code TimeoutException} (503).
 */
public class QuerySender {

    private final QueryGateway gateway;
    private final long timeoutMillis;

    public QuerySender(QueryGateway gateway, QuerySettings settings) {
        this.gateway = gateway;
        this.timeoutMillis = settings.timeout().toMillis();
    }

    /** The answer of the single handler of {@code query}, of type {@code type}. */
    public <R> R ask(Object query, Class<R> type) {
        return gateway.query(query, ResponseTypes.instanceOf(type)).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).join();
    }

    /** The answer of a handler that may find nothing. */
    public <R> Optional<R> askOptional(Object query, Class<R> type) {
        return gateway.query(query, ResponseTypes.optionalInstanceOf(type)).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .join();
    }
}
