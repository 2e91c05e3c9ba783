package org.attendanceledger.service.register;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.projections.query.MissingMarksQuery.SchoolMissingMarks;
import org.attendanceledger.projections.query.MissingMarksQuery;
import org.attendanceledger.projections.query.ProjectedSchools;
import org.attendanceledger.register.MarkRules;
import org.attendanceledger.service.projection.ProjectionReads.DateRange;
import org.attendanceledger.service.projection.ProjectionReads;
import org.attendanceledger.service.school.SchoolDirectory.SchoolRecord;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registers with blanks (rules 1.1): sessions whose register has closed with no mark for a pupil on roll. An unmarked
 * session is neither possible, attended nor absent in the figures, so an LA officer needs to see where they are.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Attendance", description = "Attendance figures and the persistent and severe absence lists")
public class MissingMarksController {

    private final ProjectionReads reads;
    private final MissingMarksQuery missingMarks;
    private final ProjectedSchools projectedSchools;
    private final SchoolDirectory schools;

    public MissingMarksController(ProjectionReads reads, MissingMarksQuery missingMarks,
                                  ProjectedSchools projectedSchools, SchoolDirectory schools) {
        this.reads = reads;
        this.missingMarks = missingMarks;
        this.projectedSchools = projectedSchools;
        this.schools = schools;
    }

    public record SchoolMissingMarksView(String urn, LocalDate from, LocalDate to, Instant asKnownAt,
                                         int missingMarks, List<MissingMarksQuery.MissingSession> sessions) {
    }

    public record LaMissingMarksView(String laCode, LocalDate from, LocalDate to, Instant asKnownAt, int missingMarks,
                                     List<SchoolMissingMarks> schools) {
    }

    @GetMapping("/schools/{urn}/missing-marks")
    @Operation(summary = "Sessions whose register has closed with no mark for a pupil on roll, between from and to "
            + "(default: the academic year to date; a period past today stops at today)")
    public SchoolMissingMarksView school(@PathVariable String urn,
                                         @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                                         @RequestParam(required = false) String asKnownAt) {
        DateRange period = ProjectionReads.period(from, to);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        List<String> urns = List.of(reads.school(urn));
        SchoolMissingMarks found = missingMarks.between(urns, period.from(), period.to(),
                registersDue(urns, knownAt), knownAt).get(0);
        return new SchoolMissingMarksView(urn, period.from(), period.to(), knownAt, found.missingMarks(),
                found.sessions());
    }

    @GetMapping("/las/{laCode}/missing-marks")
    @Operation(summary = "Missing marks across the LA's schools, school by school, between from and to")
    public LaMissingMarksView localAuthority(@PathVariable String laCode,
                                             @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE)
                                             LocalDate from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE)
                                             LocalDate to,
                                             @RequestParam(required = false) String asKnownAt) {
        DateRange period = ProjectionReads.period(from, to);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        List<String> urns = projectedSchools.urnsIn(reads.localAuthority(laCode));
        List<SchoolMissingMarks> bySchool = missingMarks.between(urns, period.from(), period.to(),
                registersDue(urns, knownAt), knownAt);
        return new LaMissingMarksView(laCode, period.from(), period.to(), knownAt,
                bySchool.stream().mapToInt(SchoolMissingMarks::missingMarks).sum(), bySchool);
    }

    /**
     * Each school's own register policy decides when a session's register had closed, by now or by asKnownAt, and as
     * known then: a policy change received later did not yet move any register's closing.
     */
    private Map<String, Predicate<SessionSlot>> registersDue(List<String> urns, Instant knownAt) {
        Instant now = knownAt == null ? Instant.now() : knownAt;
        Map<String, Predicate<SessionSlot>> due = new HashMap<>();
        for (String urn : urns) {
            schools.find(urn, knownAt).ifPresent((SchoolRecord school) -> due.put(urn, slot -> MarkRules.registerDue(
                    slot.date(), slot.session(), school.registerPolicy(slot.date()), now)));
        }
        return due;
    }
}
