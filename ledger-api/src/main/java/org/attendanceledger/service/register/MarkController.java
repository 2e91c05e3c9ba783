package org.attendanceledger.service.register;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.projections.query.KnownMarks;
import org.attendanceledger.register.api.AmendmentOutcome;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.projection.ProjectionReads;
import org.attendanceledger.service.register.EntryHistory.Link;
import org.attendanceledger.service.register.RegisterEntryDirectory.CurrentMark;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schools/{urn}")
@Tag(name = "Marks", description = "The attendance register: original entries, amendments and their history")
public class MarkController {

    /** A class register is about 30 marks; a whole school's session is a few thousand at most. */
    static final int MAX_BATCH = 5000;

    private final MarkIngestService ingest;
    private final AmendmentService amendments;
    private final RegisterEntryDirectory entries;
    private final EntryHistory history;
    private final SchoolDirectory schools;
    private final Caller caller;
    private final KnownMarks knownMarks;
    private final ProjectionReads reads;

    public MarkController(MarkIngestService ingest, AmendmentService amendments, RegisterEntryDirectory entries,
                          EntryHistory history, SchoolDirectory schools, Caller caller, KnownMarks knownMarks,
                          ProjectionReads reads) {
        this.ingest = ingest;
        this.amendments = amendments;
        this.entries = entries;
        this.history = history;
        this.schools = schools;
        this.caller = caller;
        this.knownMarks = knownMarks;
        this.reads = reads;
    }

    public record PostedMark(String upn, LocalDate date, Session session, String code, Integer minutesLate,
                             LocalTime arrivalTime, @Size(max = 200) String idempotencyKey, Actor recordedBy,
                             Instant recordedAt) {
    }

    public record MarksRequest(@NotNull @NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid PostedMark> marks) {
    }

    public record MarkResult(int index, String upn, LocalDate date, Session session, String status, long version,
                             String entryId) {
    }

    public record MarksResponse(List<MarkResult> results) {
    }

    public record AmendmentRequest(String code, Integer minutesLate, LocalTime arrivalTime, String reason,
                                   Actor amendedBy, Instant amendedAt, Long expectedVersion) {
    }

    public record AmendmentResponse(long version, String previousCode, String code) {
    }

    public record RegisterView(String urn, LocalDate date, Session session, Instant asKnownAt,
                               List<CurrentMark> marks) {
    }

    public record HistoryView(String urn, String upn, LocalDate date, Session session, Instant asKnownAt,
                              List<Link> entries) {
    }

    @PostMapping("/marks")
    @Operation(summary = "Post a register: validated whole, stored whole or not at all; retries are DUPLICATE")
    public MarksResponse post(@PathVariable String urn, @Valid @RequestBody MarksRequest request,
                              HttpServletRequest http) {
        RequestMetadata metadata = RequestMetadata.of(Instant.now(), caller.apiKeyId(http));
        List<MarkItem> items = request.marks().stream().map(m -> new MarkItem(m.upn(), m.date(), m.session(),
                m.code(), m.minutesLate(), m.arrivalTime(), m.recordedBy(), m.recordedAt(),
                blankToNull(m.idempotencyKey()))).toList();
        return new MarksResponse(ingest.record(urn, items, metadata).stream()
                .map(r -> new MarkResult(r.index(), r.item().upn(), r.item().date(), r.item().session(),
                        r.status().name(), r.version(), r.entryId()))
                .toList());
    }

    @PostMapping("/marks/{upn}/{date}/{session}/amendments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Amend an entry; reason, date, name and position are required (AMENDMENT_FIELDS_MISSING)")
    public AmendmentResponse amend(@PathVariable String urn, @PathVariable String upn, @PathVariable LocalDate date,
                                   @PathVariable Session session, @RequestBody AmendmentRequest request,
                                   HttpServletRequest http) {
        AmendmentOutcome outcome = amendments.amend(urn, upn, date, session,
                new AmendmentService.Amendment(request.code(), request.minutesLate(), request.arrivalTime(),
                        request.reason(), request.amendedBy(), request.amendedAt(), request.expectedVersion()),
                RequestMetadata.of(Instant.now(), caller.apiKeyId(http)));
        return new AmendmentResponse(outcome.version(), outcome.previousCode(), outcome.code());
    }

    @GetMapping("/registers/{date}/{session}")
    @Operation(summary = "The register for a session as it reads now, or as the ledger knew it at asKnownAt")
    public RegisterView register(@PathVariable String urn, @PathVariable LocalDate date,
                                 @PathVariable Session session, @RequestParam(required = false) String asKnownAt) {
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        KnownSchools.require(schools, urn);
        if (knownAt == null) {
            return new RegisterView(urn, date, session, null, entries.register(urn, date, session));
        }
        reads.school(urn);
        return new RegisterView(urn, date, session, knownAt, knownMarks.register(urn, date, session, knownAt).stream()
                .map(m -> new CurrentMark(m.upn(), m.code(), m.minutesLate(), m.version())).toList());
    }

    @GetMapping("/marks/{upn}/{date}/{session}/history")
    @Operation(summary = "An entry's full chain, oldest first; version 1 is the original entry (with asKnownAt, the "
            + "versions the ledger had received by then: none before the entry existed)")
    public HistoryView history(@PathVariable String urn, @PathVariable String upn, @PathVariable LocalDate date,
                               @PathVariable Session session, @RequestParam(required = false) String asKnownAt) {
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        KnownSchools.require(schools, urn);
        Upn.requireValid(upn);
        List<Link> links = history.of(new RegisterEntryId(urn, upn, date, session));
        if (links.isEmpty()) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.NO_ORIGINAL_ENTRY, null,
                    "there is no entry for this pupil and session");
        }
        if (knownAt != null) {
            return new HistoryView(urn, upn, date, session, knownAt,
                    links.stream().filter(link -> !link.receivedAt().isAfter(knownAt)).toList());
        }
        return new HistoryView(urn, upn, date, session, null, links);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
