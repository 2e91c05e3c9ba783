package org.attendanceledger.projections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
 * the same transaction as the processor's token. If that write fails on the data, the processor's retry projects the
 * batch's events one by one, and the one that fails goes to the dead-letter queue (see {@link ProjectionWrites}).
 * Calendars, stays and marks are kept by one processor because whether a mark counts depends on the calendar and the
 * stays as of that mark's place in the event stream.
 */
@Component
@ProcessingGroup(AttendanceProjection.PROCESSOR)
public class AttendanceProjection {

    /** The tracking processor, and processing group, of every attendance projection. */
    public static final String PROCESSOR = "attendance-projections";

    private static final String BATCH_RESOURCE = AttendanceProjection.class.getName() + ".batch";

    private static final int REMEMBERED_ALONE = 10_000;

    private final ProjectionStore store;
    private final PupilSchedules pupilSchedules;
    private final PenaltyThresholdRule thresholdRule;
    private final KnownMarks knownMarks;
    private final ProjectionWrites writes;

    /**
     * Events of a batch whose write failed on its data, to be projected one by one when the processor hands them over
     * again. Bounded, because a segment another node claims after the failure never hands them over here: a few
     * batches' worth is plenty, and each is forgotten once projected alone.
     */
    private final Set<String> projectAlone = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_ALONE;
                }
            }));

    AttendanceProjection(ProjectionStore store, PupilSchedules pupilSchedules, PenaltyThresholdRule thresholdRule,
                         KnownMarks knownMarks, ProjectionWrites writes) {
        this.store = store;
        this.pupilSchedules = pupilSchedules;
        this.thresholdRule = thresholdRule;
        this.knownMarks = knownMarks;
        this.writes = writes;
    }

    @EventHandler
    void on(SchoolRegistered event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        SchoolRow school = new SchoolRow(event.urn(), event.laCode(), event.name(), receivedAt(receivedAt, message));
        project(message, batch -> batch.schoolRegistered(school));
    }

    @EventHandler
    void on(CalendarEvent event, @SequenceNumber long sequenceNumber,
            @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt, EventMessage<?> message) {
        CalendarRow calendar = new CalendarRow(event.urn(), AcademicYear.parse(event.academicYear()),
                sequenceNumber + 1, event.terms(), event.closures(), receivedAt(receivedAt, message));
        project(message, batch -> batch.calendarChanged(calendar));
    }

    @EventHandler
    void on(PupilAdmitted event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        Admission admission = new Admission(new PupilKey(event.urn(), event.upn()), event.startingDay(),
                event.yearGroup(), receivedAt(receivedAt, message));
        project(message, batch -> batch.pupilAdmitted(admission));
    }

    @EventHandler
    void on(PupilDeleted event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        Departure departure = new Departure(new PupilKey(event.urn(), event.upn()), event.startingDay(),
                event.lastDayOnRoll(), receivedAt(receivedAt, message));
        project(message, batch -> batch.pupilDeparted(departure));
    }

    @EventHandler
    void on(YearGroupExceptionRecorded event, @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt,
            EventMessage<?> message) {
        YearGroupException exception = new YearGroupException(new PupilKey(event.urn(), event.upn()),
                AcademicYear.parse(event.academicYear()), event.yearGroup(), receivedAt(receivedAt, message));
        project(message, batch -> batch.yearGroupExceptionRecorded(exception));
    }

    @EventHandler
    void on(AttendanceMarkRecorded event, @SequenceNumber long sequenceNumber,
            @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt, EventMessage<?> message) {
        EntryKey entry = new EntryKey(event.urn(), event.upn(), event.date(), event.session());
        Instant received = receivedAt(receivedAt, message);
        project(message, batch -> batch.markRecorded(entry, sequenceNumber + 1, event.code(), event.minutesLate(),
                received));
    }

    @EventHandler
    void on(AttendanceMarkAmended event, @SequenceNumber long sequenceNumber,
            @MetaDataValue(EventMetadata.RECEIVED_AT) String receivedAt, EventMessage<?> message) {
        EntryKey entry = new EntryKey(event.urn(), event.upn(), event.date(), event.session());
        Instant received = receivedAt(receivedAt, message);
        project(message, batch -> batch.markAmended(entry, event.previousCode(), sequenceNumber + 1, event.code(),
                event.minutesLate(), received));
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

    /**
     * Collects what the event changes into the unit of work's batch; an event of a batch whose write failed is
     * projected alone instead (see {@link ProjectionWrites}).
     */
    private void project(EventMessage<?> message, Consumer<ProjectionBatch> change) {
        PendingBatch pending = pending();
        pending.events.add(message.getIdentifier());
        if (!projectAlone.remove(message.getIdentifier())) {
            change.accept(pending.batch);
            return;
        }
        ProjectionBatch alone = newBatch();
        change.accept(alone);
        try {
            writes.inSavepoint(alone::flush);
        } catch (RuntimeException failure) {
            if (!ProjectionWrites.isDatabaseFailure(failure)) {
                // Thrown from the handler: the dead-letter invoker holds this event and its school's later ones.
                throw failure;
            }
            // Says nothing about the event: the batch fails at commit and the processor retries it.
            pending.databaseFailure = failure;
        }
    }

    private ProjectionBatch batch() {
        return pending().batch;
    }

    private ProjectionBatch newBatch() {
        return new ProjectionBatch(store, pupilSchedules, thresholdRule, knownMarks);
    }

    private PendingBatch pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            PendingBatch pending = new PendingBatch(newBatch());
            unitOfWork.onPrepareCommit(committing -> pending.write());
            return pending;
        });
    }

    /** The unit of work's batch, the events it was handed (whichever way each was projected), and how it ended. */
    private final class PendingBatch {

        final ProjectionBatch batch;
        final List<String> events = new ArrayList<>();
        RuntimeException databaseFailure;

        PendingBatch(ProjectionBatch batch) {
            this.batch = batch;
        }

        void write() {
            try {
                if (databaseFailure != null) {
                    throw databaseFailure;
                }
                batch.flush();
            } catch (RuntimeException failure) {
                // The processor rolls the batch back and hands the same events over again: then, one by one.
                if (!ProjectionWrites.isDatabaseFailure(failure)) {
                    projectAlone.addAll(events);
                }
                throw failure;
            }
        }
    }
}
