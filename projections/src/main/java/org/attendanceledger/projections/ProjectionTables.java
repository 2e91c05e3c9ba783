package org.attendanceledger.projections;

import java.util.List;

/** The tables the attendance projection owns (migrations V100, V130, V410). All of them are emptied on a rebuild. */
public final class ProjectionTables {

    public static final List<String> ALL = List.of(
            "projection_school",
            "projection_calendar",
            "projection_enrolment",
            "projection_year_group_exception",
            "projection_mark_version",
            "projection_current_mark",
            "projection_threshold_count",
            "projection_pupil_year",
            "projection_threshold_breach");

    private ProjectionTables() {
    }
}
