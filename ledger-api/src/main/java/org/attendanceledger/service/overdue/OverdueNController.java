package org.attendanceledger.service.overdue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.projections.query.OverdueN;
import org.attendanceledger.projections.query.OverdueNQuery;
import org.attendanceledger.projections.query.ProjectedSchools;
import org.attendanceledger.service.export.ItemList;
import org.attendanceledger.service.export.Paging;
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
@Tag(name = "Overdue N", description = "N marks not resolved within 5 school days of their school")
public class OverdueNController {

    private final ProjectionReads reads;
    private final OverdueNQuery overdueN;
    private final ProjectedSchools schools;

    public OverdueNController(ProjectionReads reads, OverdueNQuery overdueN, ProjectedSchools schools) {
        this.reads = reads;
        this.overdueN = overdueN;
        this.schools = schools;
    }

    /** The N marks overdue on {@code asOf}: each is listed from the day after its deadline. */
    public record OverdueNList(LocalDate asOf, Instant asKnownAt, List<OverdueN> items, String next)
            implements ItemList {

        static OverdueNList of(LocalDate asOf, Instant asKnownAt, List<OverdueN> items, Integer limit,
                               String cursor) {
            // The overdue list's stable order: school, session, pupil.
            Paging.Page<OverdueN> page = Paging.page(items, limit, cursor,
                    n -> Paging.key(n.urn(), n.date(), n.session(), n.upn()));
            return new OverdueNList(asOf, asKnownAt, page.items(), page.next());
        }
    }

    @GetMapping("/schools/{urn}/overdue-n")
    @Operation(summary = "The school's N marks still N after their deadline, the 5th school day after the session")
    public OverdueNList school(@PathVariable String urn,
                               @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                               @RequestParam(required = false) String asKnownAt,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        LocalDate date = ProjectionReads.asOf(asOf);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        return OverdueNList.of(date, knownAt, overdueN.asOf(List.of(reads.school(urn)), date, knownAt), limit,
                cursor);
    }

    @GetMapping("/las/{laCode}/overdue-n")
    @Operation(summary = "The overdue N marks of every school of the LA")
    public OverdueNList localAuthority(@PathVariable String laCode,
                                       @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                                       @RequestParam(required = false) String asKnownAt,
                                       @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String cursor) {
        LocalDate date = ProjectionReads.asOf(asOf);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        return OverdueNList.of(date, knownAt,
                overdueN.asOf(schools.urnsIn(reads.localAuthority(laCode)), date, knownAt), limit, cursor);
    }
}
