package org.attendanceledger.service.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.projections.AttendanceProjection;
import org.attendanceledger.service.problem.RequestRejected;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The projections' dead letters: events whose handling failed, each kept with every later event of the same school
 * (the processor's sequence, see {@link org.attendanceledger.projections.SequentialPerSchoolPolicy}) so that the
 * school's read models never see its events out of order, while every other school's events go on being projected.
 * Listing shows what is held and why (the failure's type: its message can quote data and stays in the table);
 * retrying hands a school's held events to the projection again, in order.
 */
@Component
public class ProjectionDeadLetters {

    private final EventProcessingConfiguration processing;

    public ProjectionDeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** One school's held events, oldest first. */
    public record Sequence(String sequence, List<Letter> letters) {
    }

    /** A held event: which it is and where it stands in the store, when it was held, and the failure's type. */
    public record Letter(String eventIdentifier, String eventType, String aggregateIdentifier, Long sequenceNumber,
                         Instant eventTimestamp, Instant enqueuedAt, Instant lastTouched, String causeType) {
    }

    /** The outcome of a retry: whether every held event of the school was projected, and how many are still held. */
    public record RetryOutcome(String sequence, boolean projected, long stillHeld) {
    }

    public List<Sequence> list() {
        List<Sequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> held : queue().deadLetters()) {
            List<Letter> letters = new ArrayList<>();
            String sequence = null;
            for (DeadLetter<? extends EventMessage<?>> letter : held) {
                sequence = sequenceOf(letter);
                letters.add(toLetter(letter));
            }
            if (sequence != null) {
                sequences.add(new Sequence(sequence, letters));
            }
        }
        return sequences;
    }

    public long heldEvents() {
        return queue().size();
    }

    public long heldSequences() {
        return queue().amountOfSequences();
    }

    /** Hands the school's held events to the projection again; 404 UNKNOWN_DEAD_LETTER when none is held. */
    public RetryOutcome retry(String sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue();
        if (!queue.contains(sequence)) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_DEAD_LETTER, "sequence",
                    "no events of sequence '" + sequence + "' are held in the projections' dead-letter queue");
        }
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(AttendanceProjection.PROCESSOR)
                .orElseThrow(() -> new IllegalStateException("the projections have no dead-letter processor"));
        boolean projected = processor.process(letter -> sequence.equals(sequenceOf(letter)));
        return new RetryOutcome(sequence, projected, queue.sequenceSize(sequence));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return processing.deadLetterQueue(AttendanceProjection.PROCESSOR)
                .orElseThrow(() -> new IllegalStateException("the projections have no dead-letter queue"));
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier() : null;
    }

    private static Letter toLetter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String aggregate = null;
        Long sequenceNumber = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregate = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        }
        return new Letter(event.getIdentifier(), event.getPayloadType().getSimpleName(), aggregate, sequenceNumber,
                event.getTimestamp(), letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(Cause::type).orElse(null));
    }
}
