package org.attendanceledger.register.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the original entry for a session, as the school's register shows it. */
public record RecordMark(
        @TargetAggregateIdentifier String entryId,
        String urn,
        String upn,
        LocalDate date,
        Session session,
        String code,
        Integer minutesLate,
        LocalTime arrivalTime,
        Actor recordedBy,
        Instant recordedAt) {

    public static RecordMark of(String urn, String upn, LocalDate date, Session session, String code,
                                Integer minutesLate, LocalTime arrivalTime, Actor recordedBy, Instant recordedAt) {
        return new RecordMark(new RegisterEntryId(urn, upn, date, session).value(), urn, upn, date, session, code,
                minutesLate, arrivalTime, recordedBy, recordedAt);
    }

    /** The entry this mark is for. */
    public RegisterEntryId id() {
        return new RegisterEntryId(urn, upn, date, session);
    }
}
