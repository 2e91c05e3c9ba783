package org.attendanceledger.projections.query;

import java.time.LocalDate;
import org.attendanceledger.calendar.Session;

/** An N mark still standing after its deadline, the last school day on which it could be resolved. */
public record OverdueN(String urn, String upn, LocalDate date, Session session, LocalDate deadline) {
}
