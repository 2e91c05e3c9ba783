package org.attendanceledger.service.infrastructure;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends a command with the request's metadata and waits for it, turning Axon's wrapping of failures back into the
 * ledger's own rule violations.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, RequestMetadata metadata) {
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(metadata.asMetaData()));
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    public static RuntimeException translate(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CommandExecutionException || cause instanceof CompletionException
                || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuleViolation violation) {
            return violation;
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            // Two writers raced for the same stream; the loser may simply retry.
            return new RuleViolation(ErrorCode.VERSION_CONFLICT, null,
                    "another change to the same record was stored at the same moment; retry the request");
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return new RecordNotFound(String.valueOf(notFound.getAggregateIdentifier()));
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    /** The command addressed a record (aggregate) that does not exist. */
    public static class RecordNotFound extends RuntimeException {
        public RecordNotFound(String id) {
            super("no record " + id);
        }
    }
}
