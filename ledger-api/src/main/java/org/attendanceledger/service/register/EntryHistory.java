package org.attendanceledger.service.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.common.Actor;
import org.attendanceledger.register.MarkRules;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** An entry's full chain, read straight from its event stream: the store is the record, not a copy of it. */
@Component
public class EntryHistory {

    private final EventStore eventStore;

    public EntryHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * One link of the chain; version 1 is the original entry. {@code lateness} is {@code KNOWN} or {@code UNKNOWN} for
     * L and U (many MIS send neither minutes nor an arrival time) and null for every other code.
     */
    public record Link(long version, String kind, String code, String previousCode, Integer minutesLate,
                       String lateness, String reason, Actor by, Instant at, Instant receivedAt,
                       String codeSetVersion, String mechanism) {
    }

    public List<Link> of(RegisterEntryId id) {
        List<Link> links = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(id.value());
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Instant receivedAt = receivedAt(message);
            long version = message.getSequenceNumber() + 1;
            Object payload = message.getPayload();
            if (payload instanceof AttendanceMarkRecorded recorded) {
                links.add(new Link(version, "RECORDED", recorded.code(), null, recorded.minutesLate(),
                        MarkRules.lateness(recorded.code(), recorded.minutesLate()), null, recorded.recordedBy(), recorded.recordedAt(), receivedAt, recorded.codeSetVersion(), null));
            } else if (payload instanceof AttendanceMarkAmended amended) {
                links.add(new Link(version, "AMENDED", amended.code(), amended.previousCode(), amended.minutesLate(),
                        MarkRules.lateness(amended.code(), amended.minutesLate()), amended.reason(), amended.amendedBy(), amended.amendedAt(), receivedAt,
                        amended.codeSetVersion(), amended.mechanism().name()));
            }
        }
        return links;
    }

    private static Instant receivedAt(DomainEventMessage<?> message) {
        Object value = message.getMetaData().get(RequestMetadata.RECEIVED_AT);
        return value == null ? message.getTimestamp() : Instant.parse(value.toString());
    }
}
