package org.attendanceledger.service.register;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attendanceledger.audit.Backdating;
import org.attendanceledger.common.Actor;
import org.attendanceledger.register.MarkRules;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.audit.LogIndexes;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** An entry's full chain, read straight from its event stream: the store is the record, not a copy of it. */
@Component
public class EntryHistory {

    private final EventStore eventStore;
    private final LogIndexes logIndexes;
    private final Duration backdatedAfter;

    public EntryHistory(EventStore eventStore, LogIndexes logIndexes,
                        @Value("${ledger.audit.backdated-after:P7D}") Duration backdatedAfter) {
        this.eventStore = eventStore;
        this.logIndexes = logIndexes;
        this.backdatedAfter = backdatedAfter;
    }

    /**
     * One link of the chain; version 1 is the original entry. {@code lateness} is {@code KNOWN} or {@code UNKNOWN} for
     * L and U (many MIS send neither minutes nor an arrival time) and null for every other code. {@code logIndex} is
     * the event's place in the tamper-evident log (null until the appender has logged it, a moment after commit);
     * {@code backdated} says the school's own instant ({@code at}) lies more than {@code ledger.audit.backdated-after}
     * before {@code receivedAt}.
     */
    public record Link(long version, String kind, String code, String previousCode, Integer minutesLate,
                       String lateness, String reason, Actor by, Instant at, Instant receivedAt,
                       String codeSetVersion, String mechanism, Long logIndex, boolean backdated) {

        Link logged(Long index, boolean isBackdated) {
            return new Link(version, kind, code, previousCode, minutesLate, lateness, reason, by, at, receivedAt,
                    codeSetVersion, mechanism, index, isBackdated);
        }
    }

    public List<Link> of(RegisterEntryId id) {
        List<Link> links = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(id.value());
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Instant receivedAt = receivedAt(message);
            long version = message.getSequenceNumber() + 1;
            Object payload = message.getPayload();
            if (payload instanceof AttendanceMarkRecorded recorded) {
                links.add(new Link(version, "RECORDED", recorded.code(), null, recorded.minutesLate(),
                        MarkRules.lateness(recorded.code(), recorded.minutesLate()), null, recorded.recordedBy(),
                        recorded.recordedAt(), receivedAt, recorded.codeSetVersion(), null, null, false));
                eventIds.add(message.getIdentifier());
            } else if (payload instanceof AttendanceMarkAmended amended) {
                links.add(new Link(version, "AMENDED", amended.code(), amended.previousCode(), amended.minutesLate(),
                        MarkRules.lateness(amended.code(), amended.minutesLate()), amended.reason(),
                        amended.amendedBy(), amended.amendedAt(), receivedAt, amended.codeSetVersion(),
                        amended.mechanism().name(), null, false));
                eventIds.add(message.getIdentifier());
            }
        }
        Map<String, Long> logged = logIndexes.of(eventIds);
        List<Link> annotated = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            annotated.add(link.logged(logged.get(eventIds.get(i)),
                    Backdating.isBackdated(link.at(), link.receivedAt(), backdatedAfter)));
        }
        return annotated;
    }

    private static Instant receivedAt(DomainEventMessage<?> message) {
        Object value = message.getMetaData().get(RequestMetadata.RECEIVED_AT);
        return value == null ? message.getTimestamp() : Instant.parse(value.toString());
    }
}
