package io.wework.platform.axon;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AbstractRepository;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.config.Configuration;
import org.springframework.stereotype.Component;

/**
 * Point in time, for any event-sourced aggregate: its state rebuilt from its own event sourcing
 * handlers, using only the events stored up to an instant (never a snapshot, which may be newer).
 * Nothing is written and no command runs. It takes Axon's {@link Configuration} as Axon's own
 * {@code SpringAggregateSnapshotter} does: the {@link EventStore} it also takes is built from that
 * configuration (the storage engine needs its upcaster chain), so both exist before this bean, and
 * nothing that builds them needs this bean.
 */
@Component
public class AggregateStateAt {

    private final EventStore eventStore;
    private final Configuration axon;

    public AggregateStateAt(EventStore eventStore, Configuration axon) {
        this.eventStore = eventStore;
        this.axon = axon;
    }

    public record State<T>(T aggregate, long version, Instant lastEventAt) {
    }

    /**
     * The model the application's own repository uses (its handlers resolve injected resources such
     * as Spring beans); a bare inspection would fail on command-handler parameters.
     */
    @SuppressWarnings("unchecked")
    private <T> AggregateModel<T> modelOf(Class<T> aggregateType) {
        Object repository = axon.repository(aggregateType);
        if (repository instanceof AbstractRepository<?, ?> abstractRepository) {
            try {
                Method method = AbstractRepository.class.getDeclaredMethod("aggregateModel");
                method.setAccessible(true);
                return (AggregateModel<T>) method.invoke(abstractRepository);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read the aggregate model of " + aggregateType, e);
            }
        }
        return AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType, axon.parameterResolverFactory(),
                axon.handlerDefinition(aggregateType));
    }

    public <T> Optional<State<T>> load(Class<T> aggregateType, String aggregateId, Instant at) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            events.add(event);
        }
        if (events.isEmpty()) {
            return Optional.empty();
        }
        AggregateModel<T> model = modelOf(aggregateType);
        T root = new GenericAggregateFactory<>(model).createAggregateRoot(aggregateId, events.get(0));
        EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(root, model, null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events));
        DomainEventMessage<?> last = events.get(events.size() - 1);
        return Optional.of(new State<>(aggregate.getAggregateRoot(), last.getSequenceNumber(), last.getTimestamp()));
    }
}
