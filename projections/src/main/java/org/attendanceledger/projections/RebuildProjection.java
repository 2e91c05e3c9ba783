package org.attendanceledger.projections;

import org.attendanceledger.penalty.PenaltyThresholdRule;
import org.attendanceledger.projections.query.KnownMarks;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/**
 * The same handlers as {@link AttendanceProjection}, in a processing group of their own, for the processor that
 * rebuilds the read models into fresh tables while the live processor goes on. Its transactions resolve the tables'
 * unqualified names to the rebuild's copies (the service sets the search path), so the handlers and their SQL are
 * the live ones, unchanged.
 */
@Component
@ProcessingGroup(RebuildProjection.PROCESSOR)
public class RebuildProjection extends AttendanceProjection {

    /** The rebuild's tracking processor and processing group. */
    public static final String PROCESSOR = "attendance-projections-rebuild";

    RebuildProjection(ProjectionStore store, PupilSchedules pupilSchedules, PenaltyThresholdRule thresholdRule,
                      KnownMarks knownMarks, ProjectionWrites writes) {
        super(store, pupilSchedules, thresholdRule, knownMarks, writes);
    }
}
