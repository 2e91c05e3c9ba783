package org.attendanceledger.projections;

import java.time.Instant;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.api.CalendarEvent;
import org.attendanceledger.common.EventMetadata;
import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.projections.ProjectionRows.Admission;
import org.attendanceledger.projections.ProjectionRows.CalendarRow;
import org.attendanceledger.projections.ProjectionRows.Departure;
import org.attendanceledger.projections.ProjectionRows.EntryKey;
import org.attendanceledger.projections.ProjectionRows.SchoolRow;
import org.attendanceledger.projections.ProjectionRows.YearGroupException;
import org.attendanceledger.projections.query.KnownMarks;
import org.attendanceledger.register.api.AttendanceMarkAmended;
import org.attendanceledger.register.api.AttendanceMarkRecorded;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.attendanceledger.roll.api.YearGroupExceptionRecorded;
import org.attendanceledger.school.api.SchoolRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps the attendance read models: schools, calendars, stays on roll, every version of every mark, the current
 * register, counts by category per pupil and academic year, and the penalty threshold's count at each mark it counts.
 *
 * <p>It runs in its own tracking processor, never in the command's transaction. Handlers only collect what each event
 * changes into the batch of the current unit of work; the batch is written once, before the unit of work commits, in
 * the same transaction as the processor's token. Calendars, stays and marks are kept by one processor because whether
 * a mark counts depends on the calendar and the stays as of that mark's place in the event stream.
 */
@Component
@ProcessingGroup(AttendanceProjection.PROCESSOR)
public class AttendanceProjection {

    /** The tracking processor, and processing group, of every attendance projection. */
    public static final String PROCESSOR = "attendance-projections";

    private static final String BATCH_RESOURCE = AttendanceProjection.class.getName() + ".batch";

    private final ProjectionStore store;
    private final PupilSchedules pupilSchedules;
    private final PenaltyThresholdRule thresholdRule;
    private final KnownMarks knownMarks;

    AttendanceProjection(ProjectionStore store, PupilSchedules pupilSchedules, PenaltyThresholdRule thresholdRule,
                         KnownMarks knownMarks) {
        this.store = store;
        this.pupilSchedules = pupilSchedules;
        this.thresholdRule = thresholdRule;
        this.knownMarks = knownMarks;
    }

    @EventHandler
    void on(SchoolRegistered event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        batch().schoolRegistered(new SchoolRow(event.urn(), event.laCode(), event.name(),
                receivedAt(receivedAt, message)));
    }

    @EventHandler
    void on(CalendarEvent event, @SequenceNumber long sequenceNumber,
            @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt, EventMessage<?> message) {
        batch().calendarChanged(new CalendarRow(event.urn(), AcademicYear.parse(event.academicYear()),
                sequenceNumber + 1, event.terms(), event.closures(), receivedAt(receivedAt, message)));
    }

    @EventHandler
    void on(PupilAdmitted event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        batch().pupilAdmitted(new Admission(new PupilKey(event.urn(), event.upn()), event.startingDay(),
                event.yearGroup(), receivedAt(receivedAt, message)));
    }

    @EventHandler
    void on(PupilDeleted event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        batch().pupilDeparted(new Departure(new PupilKey(event.urn(), event.upn()), event.startingDay(),
                event.lastDayOnRoll(), receivedAt(receivedAt, message)));
    }

    @EventHandler
    void on(YearGroupExceptionRecorded event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        batch().yearGroupExceptionRecorded(new YearGroupException(new PupilKey(event.urn(), event.upn()),
                AcademicYear.parse(event.academicYear()), event.yearGroup(), receivedAt(receivedAt, message)));
    }

    @EventHandler
    void on(AttendanceMarkRecorded event, @SequenceNumber long sequenceNumber,
            @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt, EventMessage<?> message) {
        batch().markRecorded(new EntryKey(event.urn(), event.upn(), event.date(), event.session()),
                sequenceNumber + 1, event.code(), event.minutesLate(), receivedAt(receivedAt, message));
    }

    @EventHandler
    void on(AttendanceMarkAmended event, @SequenceNumber long sequenceNumber,
            @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt, EventMessage<?> message) {
        batch().markAmended(new EntryKey(event.urn(), event.upn(), event.date(), event.session()),
                event.previousCode(), sequenceNumber + 1, event.code(), event.minutesLate(),
                receivedAt(receivedAt, message));
    }

    /** A replay starts from empty tables; it runs in the transaction that resets the processor's tokens. */
    @ResetHandler
    void clear() {
        store.clearAll();
    }

    /**
     * Every event the service stores carries receivedAt; the storage instant stands in for any that does not. The
     * events of one posted register share one receivedAt, so the batch parses each distinct value once.
     */
    private Instant receivedAt(String metadataValue, EventMessage<?> message) {
        return metadataValue == null ? message.getTimestamp() : batch().instant(metadataValue);
    }

    private ProjectionBatch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            ProjectionBatch batch = new ProjectionBatch(store, pupilSchedules, thresholdRule, knownMarks);
            unitOfWork.onPrepareCommit(committing -> batch.flush());
            return batch;
        });
    }
}
