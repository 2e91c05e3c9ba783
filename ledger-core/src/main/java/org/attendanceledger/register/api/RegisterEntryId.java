package org.attendanceledger.register.api;

import java.time.LocalDate;
import org.attendanceledger.calendar.Session;

/**
 * Identifies one register entry: a pupil's mark for one session at one school. Its event stream is the entry's
 * audit chain, version 1 being the original entry.
 */
public record RegisterEntryId(String urn, String upn, LocalDate date, Session session) {

    public String value() {
        return urn + ":" + upn + ":" + date + ":" + session;
    }

    @Override
    public String toString() {
        return value();
    }
}
