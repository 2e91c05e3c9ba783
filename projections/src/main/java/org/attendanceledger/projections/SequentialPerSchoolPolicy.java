package org.attendanceledger.projections;

import org.attendanceledger.calendar.api.CalendarEvent;
import org.attendanceledger.register.api.RegisterEntryEvent;
import org.attendanceledger.roll.api.EnrolmentEvent;
import org.attendanceledger.school.api.SchoolRegistered;
import org.attendanceledger.staff.api.AuthorisedPersonGranted;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Keeps each school's events in order within one processor segment. Whether a mark counts depends on that school's
 * calendar and stays, which are other aggregates: ordering per aggregate (Axon's default) would let a segment see a
 * mark before the calendar it needs. The URN is the ledger's partition key, so segments split the work by school.
 */
public class SequentialPerSchoolPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof RegisterEntryEvent entry) {
            return ofSchool(entry.urn());
        }
        if (payload instanceof CalendarEvent calendar) {
            return ofSchool(calendar.urn());
        }
        if (payload instanceof EnrolmentEvent enrolment) {
            return ofSchool(enrolment.urn());
        }
        if (payload instanceof SchoolRegistered school) {
            return ofSchool(school.urn());
        }
        if (payload instanceof AuthorisedPersonGranted grant) {
            return ofSchool(grant.urn());
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /**
     * The sequence a school's events are handled in: a segment handles a school when it matches this value
     * ({@code Segment.matches}), which is how a read finds the segments it must wait for.
     */
    public static Object ofSchool(String urn) {
        return urn;
    }
}
