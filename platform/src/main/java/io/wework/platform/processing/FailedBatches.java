package io.wework.platform.processing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the events of a batch that failed as a whole in a processor with a dead-letter queue,
 * so that its retry handles each of them on its own ({@link IsolatingHandlerEnhancer}).
 * <p>
 * Projections write their rows when the batch's unit of work prepares to commit (one JDBC batch per
 * batch of events), so a row PostgreSQL refuses fails the whole batch, after every handler has
 * returned: Axon's dead-lettering invoker never sees which event it was, and PostgreSQL has aborted
 * the transaction the dead letter would be written in. As the processor's {@link ErrorHandler} this
 * records the failed batch's events and lets the error propagate (Axon's default), so the processor
 * rolls back and retries the batch from its last token. In that retry, as the processor's handler
 * interceptor, it marks each event of the batch ({@link #ISOLATED}) and the enhancer gives its handlers a
 * nested unit of work of their own, in a savepoint: an event whose handling fails is rolled back alone
 * and dead-lettered in the batch's transaction, which stays healthy, and the batch goes on.
 */
public class FailedBatches implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(FailedBatches.class);

    /** Unit-of-work resource: the identifier of the event whose handlers run isolated. */
    public static final String ISOLATED = FailedBatches.class.getName() + ".isolated";
    /** Unit-of-work resource: whether the batch holds an event of a failed batch. */
    private static final String ISOLATE_BATCH = FailedBatches.class.getName() + ".batch";
    /** At most this many remembered events per processor (a batch is at most 1,000 here). */
    private static final int MAX_PER_PROCESSOR = 20_000;

    private final Map<String, Set<String>> failed = new ConcurrentHashMap<>();
    private volatile org.axonframework.config.Configuration configuration;

    /** Called with Axon's configuration when a processor is built; returns this. */
    FailedBatches in(org.axonframework.config.Configuration configuration) {
        this.configuration = configuration;
        return this;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        String processor = context.eventProcessor();
        EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
        if (processing.deadLetterQueue(processor).isPresent()) {
            List<? extends EventMessage<?>> events = context.failedEvents();
            Set<String> ids = failed.computeIfAbsent(processor, k -> ConcurrentHashMap.newKeySet());
            if (ids.size() + events.size() > MAX_PER_PROCESSOR) {
                ids.clear();
            }
            events.forEach(e -> ids.add(e.getIdentifier()));
            // (Axon logs the error itself; its message may quote the refused values)
            log.warn("A batch of {} events failed in {} ({}); its retry handles each event on its own and dead-letters "
                    + "the ones that fail", events.size(), processor, context.error().getClass().getName());
        }
        PropagatingErrorHandler.instance().handleError(context);
    }

    /**
     * The handler interceptor of {@code processor}: in a batch that holds a remembered event, every event
     * is handled on its own (the batch that is retried may also hold events that arrived since, one of
     * which could fail too); a remembered event is forgotten once handled.
     */
    MessageHandlerInterceptor<EventMessage<?>> interceptor(String processor) {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
                // decided once per batch, on its first event: the remembered events are forgotten one by one
                // as they are handled, and the events after them must still be isolated
                Boolean isolate = unitOfWork.getResource(ISOLATE_BATCH);
                Set<String> ids = failed.get(processor);
                if (isolate == null) {
                    isolate = ids != null && !ids.isEmpty() && holdsRemembered(unitOfWork, ids);
                    unitOfWork.resources().put(ISOLATE_BATCH, isolate);
                }
                if (!isolate) {
                    return chain.proceed();
                }
                String id = unitOfWork.getMessage().getIdentifier();
                unitOfWork.resources().put(ISOLATED, id);
                try {
                    Object result = chain.proceed();
                    if (ids != null) {
                        ids.remove(id);
                    }
                    return result;
                } finally {
                    unitOfWork.resources().remove(ISOLATED);
                }
            }
        };
    }

    private static boolean holdsRemembered(UnitOfWork<? extends EventMessage<?>> unitOfWork, Set<String> ids) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages().stream().anyMatch(m -> ids.contains(m.getIdentifier()));
        }
        return ids.contains(unitOfWork.getMessage().getIdentifier());
    }
}
