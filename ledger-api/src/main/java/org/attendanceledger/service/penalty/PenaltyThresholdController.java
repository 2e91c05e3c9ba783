package org.attendanceledger.service.penalty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.penalty.ThresholdAssessment;
import org.attendanceledger.penalty.ThresholdWindow;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.query.PenaltyThresholdQuery;
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
@Tag(name = "Penalty threshold", description = "10 sessions of G/N/O/U within 10 school weeks (National Framework)")
public class PenaltyThresholdController {

    private final ProjectionReads reads;
    private final PenaltyThresholdQuery thresholds;
    private final ProjectedSchools schools;

    public PenaltyThresholdController(ProjectionReads reads, PenaltyThresholdQuery thresholds,
                                      ProjectedSchools schools) {
        this.reads = reads;
        this.thresholds = thresholds;
        this.schools = schools;
    }

    public record SessionView(LocalDate date, Session session) {

        static SessionView of(SessionSlot slot) {
            return slot == null ? null : new SessionView(slot.date(), slot.session());
        }
    }

    public record CountedSession(LocalDate date, Session session, String code) {

        static CountedSession of(SessionMark mark) {
            return new CountedSession(mark.date(), mark.session(), mark.code());
        }
    }

    /**
     * The threshold for one pupil over a period: whether it was met, the session at which the count first reached
     * the threshold, that window of school weeks (Mondays) and the sessions counted in it, and the highest count.
     */
    public record ThresholdView(String urn, String upn, LocalDate from, LocalDate to, boolean met,
                                SessionView firstMetAt, SessionView breachAt, ThresholdWindow window,
                                List<CountedSession> sessions, int maxCountInAnyWindow, Instant asKnownAt) {

        static ThresholdView of(PupilKey pupil, DateRange period, ThresholdAssessment assessment, Instant knownAt) {
            return new ThresholdView(pupil.urn(), pupil.upn(), period.from(), period.to(), assessment.met(),
                    SessionView.of(assessment.firstMetAt()), SessionView.of(assessment.breachAt()),
                    assessment.window(),
                    assessment.sessions().stream().map(CountedSession::of).toList(),
                    assessment.maxCountInAnyWindow(), knownAt);
        }
    }

    public record ThresholdList(String laCode, LocalDate from, LocalDate to, Instant asKnownAt,
                                List<ThresholdView> items, String next)
            implements ItemList {
    }

    @GetMapping("/schools/{urn}/pupils/{upn}/penalty-threshold")
    @Operation(summary = "Whether the pupil met the penalty-notice threshold in [from, to] (default: the academic "
            + "year to date), with the first session it was met at, the window and the sessions counted")
    public ThresholdView pupil(@PathVariable String urn, @PathVariable String upn,
                               @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                               @RequestParam(required = false) String asKnownAt) {
        DateRange period = ProjectionReads.period(from, to);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        PupilKey pupil = reads.pupil(urn, upn);
        return ThresholdView.of(pupil, period, thresholds.forPupil(pupil, period.from(), period.to(), knownAt),
                knownAt);
    }

    @GetMapping("/las/{laCode}/penalty-threshold")
    @Operation(summary = "Every pupil of the LA's schools whose threshold was met in [from, to], with the evidence")
    public ThresholdList localAuthority(@PathVariable String laCode,
                                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                                        @RequestParam(required = false) String asKnownAt,
                                        @RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) String cursor) {
        DateRange period = ProjectionReads.period(from, to);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        List<String> urns = schools.urnsIn(reads.localAuthority(laCode));
        List<ThresholdView> items = thresholds.metAt(urns, period.from(), period.to(), knownAt).stream()
                .map(met -> ThresholdView.of(met.pupil(), period, met.assessment(), knownAt))
                .toList();
        Paging.Page<ThresholdView> page = Paging.page(items, limit, cursor, i -> Paging.key(i.urn(), i.upn()));
        return new ThresholdList(laCode, period.from(), period.to(), knownAt, page.items(), page.next());
    }
}
