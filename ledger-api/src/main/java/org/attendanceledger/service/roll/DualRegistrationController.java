package org.attendanceledger.service.roll;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.projections.query.ProjectedSchools;
import org.attendanceledger.service.export.ItemList;
import org.attendanceledger.service.export.Paging;
import org.attendanceledger.service.projection.ProjectionReads;
import org.attendanceledger.service.projection.ProjectionReads.DateRange;
import org.attendanceledger.service.roll.DualRegistrationConflicts.ConflictingSession;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/las/{laCode}")
@Tag(name = "Dual registration", description = "Sessions where the two schools of a dual registration disagree")
public class DualRegistrationController {

    private final ProjectionReads reads;
    private final ProjectedSchools schools;
    private final DualRegistrationConflicts conflicts;

    public DualRegistrationController(ProjectionReads reads, ProjectedSchools schools,
                                      DualRegistrationConflicts conflicts) {
        this.reads = reads;
        this.schools = schools;
        this.conflicts = conflicts;
    }

    public record ConflictList(String laCode, LocalDate from, LocalDate to, Instant asKnownAt,
                               List<ConflictingSession> items, String next) implements ItemList {
    }

    @GetMapping("/dual-registration-conflicts")
    @Operation(summary = "Sessions where both schools of a dual-registered pupil of the LA's schools record the pupil"
            + " as attending, or both record D; by date, session and UPN (default period: the academic year to date)")
    public ConflictList list(@PathVariable String laCode,
                             @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                             @RequestParam(required = false) String asKnownAt,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor) {
        DateRange period = ProjectionReads.period(from, to);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        List<String> urns = schools.urnsIn(reads.localAuthority(laCode));
        Paging.Page<ConflictingSession> page = Paging.page(
                urns.isEmpty() ? List.of() : conflicts.of(urns, period.from(), period.to(), knownAt), limit, cursor,
                c -> Paging.key(c.date(), c.session(), c.upn()));
        return new ConflictList(laCode, period.from(), period.to(), knownAt, page.items(), page.next());
    }
}
