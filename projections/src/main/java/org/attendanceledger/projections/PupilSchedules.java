package org.attendanceledger.projections;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.attendanceledger.attendance.PupilSchedule;
import org.attendanceledger.attendance.RollStay;
import org.attendanceledger.calendar.SchoolTimeline;
import org.springframework.stereotype.Component;

/** Pupils' schedules (their school's calendars and their stays on roll) as the projection knows them. */
@Component
public class PupilSchedules {

    private final SchoolTimelines timelines;
    private final RollStays rollStays;

    public PupilSchedules(SchoolTimelines timelines, RollStays rollStays) {
        this.timelines = timelines;
        this.rollStays = rollStays;
    }

    public PupilSchedule of(PupilKey pupil) {
        return of(pupil, null);
    }

    /** The pupil's schedule as the ledger knew it at an instant (null: now). */
    public PupilSchedule of(PupilKey pupil, Instant knownAt) {
        return of(List.of(pupil), knownAt).get(pupil);
    }

    /** The schedules of many pupils, loaded with one query for the calendars and one for the stays. */
    public Map<PupilKey, PupilSchedule> of(Collection<PupilKey> pupils) {
        return of(pupils, null);
    }

    /** The schedules of many pupils as the ledger knew them at an instant (null: now). */
    public Map<PupilKey, PupilSchedule> of(Collection<PupilKey> pupils, Instant knownAt) {
        Map<String, SchoolTimeline> timelineBySchool =
                timelines.of(pupils.stream().map(PupilKey::urn).distinct().toList(), knownAt);
        Map<PupilKey, List<RollStay>> stays = rollStays.of(pupils, knownAt);
        return pupils.stream().distinct().collect(Collectors.toMap(pupil -> pupil,
                pupil -> new PupilSchedule(timelineBySchool.get(pupil.urn()), stays.getOrDefault(pupil, List.of()))));
    }
}
