package org.attendanceledger.projections;

import java.util.List;

/** The tables the attendance projection owns (migration V100). All of them are emptied on a rebuild. */
public final class ProjectionTables {

    public static final List<String> ALL = List.of(
            "projection_school",
            "projection_calendar",
            "projection_enrolment",
            "projection_mark_version",
            "projection_current_mark",
            "projection_threshold_count",
            "projection_pupil_year");

    private ProjectionTables() {
    }
}
