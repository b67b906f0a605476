package io.wework.platform.processing;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs an event handler in a nested unit of work of its own, in a savepoint
 * ({@link SavepointTransactionManager}), when its event must be handled in isolation: an event of a
 * batch that failed as a whole ({@link FailedBatches#ISOLATED}), or a dead letter being retried. The
 * nested unit of work commits (and so writes the rows its projection buffered) before the handler
 * returns, so a failure surfaces inside Axon's dead-lettering invoker, after the savepoint has been
 * rolled back: the invoker then parks the event in the processor's own transaction, which is still
 * healthy, and the token moves past it in the same commit (each dead letter recorded exactly once).
 * Every other call goes straight to the handler.
 */
public class IsolatingHandlerEnhancer implements HandlerEnhancerDefinition {

    private final SavepointTransactionManager savepoints;

    public IsolatingHandlerEnhancer(javax.sql.DataSource dataSource) {
        this.savepoints = new SavepointTransactionManager(dataSource);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || !original.annotationAttributes(EventHandler.class).isPresent()
                || original.annotationAttributes(EventSourcingHandler.class).isPresent()) {
            return original; // only event handlers of processors, not aggregates' event sourcing handlers
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!isolated(message)) {
                    return super.handle(message, target);
                }
                UnitOfWork<?> own = DefaultUnitOfWork.startAndGet(message);
                own.attachTransaction(savepoints);
                ResultMessage<?> result = own.executeWithResult(() -> super.handle(message, target));
                if (result.isExceptional()) {
                    Throwable failure = result.exceptionResult();
                    if (failure instanceof Exception exception) {
                        throw exception;
                    }
                    throw (Error) failure;
                }
                return result.getPayload();
            }
        };
    }

    private static boolean isolated(Message<?> message) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        return message.getIdentifier().equals(current.getResource(FailedBatches.ISOLATED))
                || current.resources().containsKey(DeadLetter.class.getName());
    }
}
