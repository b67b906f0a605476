package io.wework.identity.command;

import java.util.Optional;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A user's password hash and lock, read on <em>this</em> node from the {@code User} aggregate
 * through the local repository: not a command and not a query, so nothing of it goes through a bus
 * (nor through Axon Server when that profile is on). The repository's cache checks the event store
 * for newer events on every use ({@code CheckedAggregateCache}), so a change made on another node is
 * seen; a change racing with the check is caught by the aggregate itself (the command's
 * {@code checkedHashDigest}).
 */
@Component
class StoredCredentials {

    private final ObjectProvider<Repository<User>> users;

    StoredCredentials(ObjectProvider<Repository<User>> users) {
        this.users = users;
    }

    /** @return the credentials of {@code userId}, empty when there is no such account */
    Optional<User.Credentials> of(String userId) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            User.Credentials credentials = users.getObject().load(userId).invoke(User::credentials);
            unitOfWork.commit();
            return Optional.of(credentials);
        } catch (AggregateNotFoundException e) {
            unitOfWork.rollback(e);
            return Optional.empty();
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }
}
