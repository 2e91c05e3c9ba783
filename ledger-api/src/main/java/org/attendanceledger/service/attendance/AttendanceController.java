package org.attendanceledger.service.attendance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attendanceledger.attendance.AbsenceMeasure;
import org.attendanceledger.attendance.AttendanceFigures;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.query.AbsenceListEntry;
import org.attendanceledger.projections.query.AbsenceListQuery;
import org.attendanceledger.projections.query.AttendanceQuery;
import org.attendanceledger.projections.query.ProjectedSchools;
import org.attendanceledger.service.export.ItemList;
import org.attendanceledger.service.export.Paging;
import org.attendanceledger.service.projection.ProjectionReads.DateRange;
import org.attendanceledger.service.projection.ProjectionReads;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Attendance", description = "Attendance figures and the persistent and severe absence lists")
public class AttendanceController {

    private final ProjectionReads reads;
    private final AttendanceQuery attendance;
    private final AbsenceListQuery absenceLists;
    private final ProjectedSchools schools;

    public AttendanceController(ProjectionReads reads, AttendanceQuery attendance, AbsenceListQuery absenceLists,
                                ProjectedSchools schools) {
        this.reads = reads;
        this.attendance = attendance;
        this.absenceLists = absenceLists;
        this.schools = schools;
    }

    /**
     * A pupil's figures. Attended is present plus approved educational activity; possible sessions are the marked
     * sessions that are attended or absent. {@code scheduledSessions} are the sessions the pupil was expected at:
     * possible, not possible (D, X, ...) and unmarked ones, which are neither attended nor absent.
     */
    public record AttendanceView(String urn, String upn, LocalDate from, LocalDate to, int scheduledSessions,
                                 int possibleSessions,
                                 int attendedSessions, int presentSessions, int approvedEducationalActivitySessions,
                                 int authorisedAbsenceSessions, int unauthorisedAbsenceSessions,
                                 int overallAbsenceSessions, boolean persistentAbsence, boolean severeAbsence,
                                 BigDecimal absencePercent, int notPossibleSessions, int unmarkedSessions,
                                 Map<String, Integer> byCode, Instant asKnownAt) {

        static AttendanceView of(PupilKey pupil, AttendanceFigures figures, Instant asKnownAt) {
            return new AttendanceView(pupil.urn(), pupil.upn(), figures.from(), figures.to(),
                    figures.scheduledSessions(), figures.possibleSessions(), figures.attendedSessions(), figures.presentSessions(),
                    figures.approvedEducationalActivitySessions(), figures.authorisedAbsenceSessions(),
                    figures.unauthorisedAbsenceSessions(), figures.overallAbsenceSessions(),
                    figures.persistentAbsence(), figures.severeAbsence(), figures.absencePercent(),
                    figures.notPossibleSessions(), figures.unmarkedSessions(), figures.byCode(), asKnownAt);
        }
    }

    /** A persistent or severe absence list for an academic year from its first day up to {@code asOf}. */
    public record AbsenceListView(String list, String academicYear, LocalDate from, LocalDate asOf,
                                  Instant asKnownAt, List<AbsenceListItem> items, String next)
            implements ItemList {
    }

    public record AbsenceListItem(String urn, String upn, int possibleSessions, int overallAbsenceSessions,
                                  BigDecimal absencePercent, int authorisedAbsenceSessions,
                                  int unauthorisedAbsenceSessions, boolean persistentAbsence,
                                  boolean severeAbsence) {

        static AbsenceListItem of(AbsenceListEntry entry) {
            return new AbsenceListItem(entry.urn(), entry.upn(), entry.possibleSessions(),
                    entry.overallAbsenceSessions(), entry.absencePercent(), entry.authorisedAbsenceSessions(),
                    entry.unauthorisedAbsenceSessions(), entry.meets(AbsenceMeasure.PERSISTENT),
                    entry.meets(AbsenceMeasure.SEVERE));
        }
    }

    @GetMapping("/schools/{urn}/pupils/{upn}/attendance")
    @Operation(summary = "A pupil's attendance figures for a period (default: the academic year to date), with the "
            + "persistent (>= 10%) and severe (>= 50%) absence flags")
    public AttendanceView attendance(@PathVariable String urn, @PathVariable String upn,
                                     @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                                     @RequestParam(required = false) String asKnownAt) {
        DateRange period = ProjectionReads.period(from, to);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        PupilKey pupil = reads.pupil(urn, upn);
        return AttendanceView.of(pupil, attendance.figures(pupil, period.from(), period.to(), knownAt), knownAt);
    }

    @GetMapping("/schools/{urn}/absence-lists/{list:persistent|severe}")
    @Operation(summary = "The school's persistent or severe absence list for an academic year up to asOf "
            + "(default: today), with numerator, denominator and percent")
    public AbsenceListView schoolList(@PathVariable String urn, @PathVariable String list,
                                      @RequestParam(required = false) String academicYear,
                                      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                                      @RequestParam(required = false) String asKnownAt,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        LocalDate date = ProjectionReads.asOf(asOf);
        AcademicYear year = ProjectionReads.academicYear(academicYear, date);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        return listFor(List.of(reads.school(urn)), list, year, date, knownAt, limit, cursor);
    }

    @GetMapping("/las/{laCode}/absence-lists/{list:persistent|severe}")
    @Operation(summary = "The persistent or severe absence list across every school of the LA for an academic year "
            + "up to asOf (default: today)")
    public AbsenceListView laList(@PathVariable String laCode, @PathVariable String list,
                                  @RequestParam(required = false) String academicYear,
                                  @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                                  @RequestParam(required = false) String asKnownAt,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        LocalDate date = ProjectionReads.asOf(asOf);
        AcademicYear year = ProjectionReads.academicYear(academicYear, date);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        return listFor(schools.urnsIn(reads.localAuthority(laCode)), list, year, date, knownAt, limit, cursor);
    }

    private AbsenceListView listFor(List<String> urns, String list, AcademicYear year, LocalDate asOf,
                                    Instant knownAt, Integer limit, String cursor) {
        AbsenceMeasure measure = AbsenceMeasure.valueOf(list.toUpperCase(Locale.ROOT));
        List<AbsenceListItem> items = absenceLists.list(urns, year, asOf, measure, knownAt).stream()
                .map(AbsenceListItem::of).toList();
        Paging.Page<AbsenceListItem> page = Paging.page(items, limit, cursor, i -> Paging.key(i.urn(), i.upn()));
        return new AbsenceListView(list, year.toString(), year.firstDay(),
                asOf.isBefore(year.lastDay()) ? asOf : year.lastDay(), knownAt, page.items(), page.next());
    }
}
