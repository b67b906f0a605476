package io.wework.platform.axon;

import io.wework.common.api.MetadataKeys;
import io.wework.platform.web.RequestContext;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the event's request and correlation ids into the log context while a handler runs.
 */
public class MdcEventHandlerInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (org.axonframework.eventhandling.ReplayToken.isReplay(event)) {
            // a replayed event belongs to no current request; reading its metadata would only cost time
            return chain.proceed();
        }
        Object requestId = event.getMetaData().get(MetadataKeys.REQUEST_ID);
        Object correlationId = event.getMetaData().get(MetadataKeys.CORRELATION_ID);
        String previousRequest = MDC.get(RequestContext.MDC_REQUEST_ID);
        String previousCorrelation = MDC.get(RequestContext.MDC_CORRELATION_ID);
        try {
            if (requestId != null) {
                MDC.put(RequestContext.MDC_REQUEST_ID, requestId.toString());
            }
            if (correlationId != null) {
                MDC.put(RequestContext.MDC_CORRELATION_ID, correlationId.toString());
            }
            return chain.proceed();
        } finally {
            restore(RequestContext.MDC_REQUEST_ID, previousRequest);
            restore(RequestContext.MDC_CORRELATION_ID, previousCorrelation);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
