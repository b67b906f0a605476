package io.wework.platform.processing;

/**
 * An inline projection (one that writes its read model in the command's own transaction) could not
 * store its rows, for a reason a retry will not cure (PostgreSQL refused the data): the command fails
 * and nothing is stored. The answer is 500 {@code read_model_write_failed} at once, telling the
 * client that its change was not applied; the log has the cause for an operator.
 */
public class ReadModelWriteException extends RuntimeException {

    private final String readModel;

    public ReadModelWriteException(String readModel, String what, Throwable cause) {
        super("The " + readModel + " read model could not store " + what + ": " + cause.getMessage(), cause);
        this.readModel = readModel;
    }

    public String readModel() {
        return readModel;
    }
}
