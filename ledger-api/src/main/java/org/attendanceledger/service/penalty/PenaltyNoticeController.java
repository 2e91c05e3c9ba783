package org.attendanceledger.service.penalty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.penalty.NoticeOnRecord;
import org.attendanceledger.penalty.PenaltyNotice;
import org.attendanceledger.penalty.PenaltyNoticeLimit;
import org.attendanceledger.penalty.PenaltyNoticeTariff;
import org.attendanceledger.penalty.api.AmountDue;
import org.attendanceledger.penalty.api.IssuePenaltyNotice;
import org.attendanceledger.penalty.api.PenaltyNoticeKind;
import org.attendanceledger.penalty.api.PenaltyNoticeOutcome;
import org.attendanceledger.penalty.api.RecordPenaltyNoticeOutcome;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.service.export.ItemList;
import org.attendanceledger.service.export.Paging;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.penalty.PenaltyNoticeDirectory.Notice;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.projection.ProjectionReads;
import org.attendanceledger.service.roll.RollDirectory;
import org.attendanceledger.service.school.KnownSchools;
import org.attendanceledger.service.school.SchoolDirectory;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The LA's penalty-notice register (contract "Penalty notices", rules 7.2-7.3): notices to improve and penalty
 * notices as events of the LA, never edits of a school register. Parents appear only as the LA's opaque reference.
 */
@RestController
@RequestMapping("/api/v1/las/{laCode}/penalty-notices")
@Tag(name = "Penalty notices", description = "Notices to improve and penalty notices an LA issues, and their outcomes")
public class PenaltyNoticeController {

    private final CommandSender commands;
    private final PenaltyNoticeDirectory notices;
    private final SchoolDirectory schools;
    private final RollDirectory roll;
    private final Caller caller;

    public PenaltyNoticeController(CommandSender commands, PenaltyNoticeDirectory notices, SchoolDirectory schools,
                                   RollDirectory roll, Caller caller) {
        this.commands = commands;
        this.notices = notices;
        this.schools = schools;
        this.roll = roll;
        this.caller = caller;
    }

    public record SessionRef(@NotNull LocalDate date, @NotNull Session session) {
    }

    public record IssueRequest(@NotBlank String urn, @NotBlank String upn,
                               @NotBlank @Size(max = 100) String parentRef, @NotNull PenaltyNoticeKind kind,
                               @NotNull LocalDate issuedOn, @Valid SessionRef breachAt, @NotNull Actor by) {
    }

    public record OutcomeRequest(@NotNull PenaltyNoticeOutcome outcome, @NotNull LocalDate on, Integer amount,
                                 @NotNull Actor by) {
    }

    public record NoticeView(String id, String laCode, String urn, String upn, String parentRef,
                             PenaltyNoticeKind kind, LocalDate issuedOn, SessionSlot breachAt, int noticeNumber,
                             List<AmountDue> amountIfPaidBy, PenaltyNoticeOutcome outcome, LocalDate outcomeOn,
                             Integer amountPaid) {

        static NoticeView of(Notice n) {
            return new NoticeView(n.id(), n.laCode(), n.urn(), n.upn(), n.parentRef(), n.kind(), n.issuedOn(),
                    n.breachAt(), n.noticeNumber(), n.amountIfPaidBy(), n.outcome(), n.outcomeOn(), n.amountPaid());
        }
    }

    public record NoticeList(Instant asKnownAt, List<NoticeView> items, String next) implements ItemList {
    }

    /**
     * Whether a penalty notice may be issued to this parent for this pupil on a date, what it would cost, the notices
     * that count towards the limit and, when refused, the first day one may be issued again.
     */
    public record Eligibility(boolean mayIssue, Integer noticeNumber, Integer nextAmount,
                              List<AmountDue> amountIfPaidBy, List<NoticeView> counted, LocalDate allowedAgainOn,
                              Instant asKnownAt) {
    }

    @PostMapping
    @Operation(summary = "Issue a notice to improve or a penalty notice (a third counted penalty notice to the same "
            + "parent for the same pupil within 3 years is 409 PENALTY_NOTICE_LIMIT, with the notices that count)")
    public ResponseEntity<NoticeView> issue(@PathVariable String laCode, @Valid @RequestBody IssueRequest request,
                                            HttpServletRequest http) {
        requirePupilOfTheLa(laCode, request.urn(), request.upn());
        if (request.issuedOn().isAfter(ProjectionReads.today())) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "issuedOn",
                    "a notice is recorded once issued, not before: " + request.issuedOn() + " is after today");
        }
        String parentRef = request.parentRef().strip();
        SessionSlot breachAt = request.breachAt() == null ? null
                : new SessionSlot(request.breachAt().date(), request.breachAt().session());
        var retried = notices.findIdentical(laCode, request.urn(), request.upn(), parentRef, request.kind(),
                request.issuedOn(), breachAt);
        if (retried.isPresent()) {
            return ResponseEntity.ok(NoticeView.of(retried.get()));
        }
        if (request.kind() == PenaltyNoticeKind.PENALTY_NOTICE) {
            refuseOverTheLimit(laCode, parentRef, request.upn(), request.issuedOn());
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        commands.send(new IssuePenaltyNotice(id, laCode, request.urn(), request.upn(), parentRef, request.kind(),
                request.issuedOn(), breachAt, request.by(), now), RequestMetadata.of(now, caller.apiKeyId(http)));
        return ResponseEntity.status(HttpStatus.CREATED).body(NoticeView.of(notices.find(laCode, id).orElseThrow()));
    }

    @PostMapping("/{id}/outcome")
    @Operation(summary = "Record how a notice ended: PAID (at the amount due on that day), WITHDRAWN or PROSECUTED")
    public NoticeView outcome(@PathVariable String laCode, @PathVariable String id,
                              @Valid @RequestBody OutcomeRequest request, HttpServletRequest http) {
        requireNotice(laCode, id);
        Instant now = Instant.now();
        // A retried outcome stores nothing (the notice answers that it stored nothing); the view is the same.
        PenaltyNotice.Recorded ignored = commands.send(new RecordPenaltyNoticeOutcome(id, request.outcome(),
                request.on(), request.amount(), request.by(), now), RequestMetadata.of(now, caller.apiKeyId(http)));
        return NoticeView.of(notices.find(laCode, id).orElseThrow());
    }

    @GetMapping
    @Operation(summary = "The LA's notices, optionally for one pupil and/or one parent reference")
    public NoticeList list(@PathVariable String laCode, @RequestParam(required = false) String upn,
                           @RequestParam(required = false) String parentRef,
                           @RequestParam(required = false) String asKnownAt,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        // The register's stable order: pupil, day of issue, notice.
        Paging.Page<NoticeView> page = Paging.page(notices.list(laCode, upn, parentRef, knownAt).stream()
                .map(NoticeView::of).toList(), limit, cursor, n -> Paging.key(n.upn(), n.issuedOn(), n.id()));
        return new NoticeList(knownAt, page.items(), page.next());
    }

    @GetMapping("/eligibility")
    @Operation(summary = "Whether a penalty notice may be issued to the parent for the pupil on a date (default today)")
    public Eligibility eligibility(@PathVariable String laCode, @RequestParam String urn, @RequestParam String upn,
                                   @RequestParam String parentRef,
                                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate on,
                                   @RequestParam(required = false) String asKnownAt) {
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        requirePupilOfTheLa(laCode, urn, upn);
        LocalDate day = on == null ? ProjectionReads.today() : on;
        List<Notice> onRecord = notices.notices(laCode, parentRef.strip(), upn, knownAt);
        PenaltyNoticeLimit.Decision decision = PenaltyNoticeLimit.national()
                .decide(onRecord.stream().map(Notice::onRecord).toList(), day);
        List<NoticeView> counted = views(onRecord, decision.counted());
        if (!decision.mayIssue()) {
            return new Eligibility(false, null, null, List.of(), counted, decision.allowedAgainOn(), knownAt);
        }
        List<AmountDue> amounts = PenaltyNoticeTariff.national().amountsFor(day, decision.noticeNumber());
        return new Eligibility(true, decision.noticeNumber(), amounts.isEmpty() ? null : amounts.get(0).amount(),
                amounts, counted, null, knownAt);
    }

    /** Checked here to name every notice that counts; the notice itself checks again under its lock. */
    private void refuseOverTheLimit(String laCode, String parentRef, String upn, LocalDate issuedOn) {
        List<Notice> onRecord = notices.notices(laCode, parentRef, upn);
        PenaltyNoticeLimit.Decision decision = PenaltyNoticeLimit.national()
                .decide(onRecord.stream().map(Notice::onRecord).toList(), issuedOn);
        if (!decision.mayIssue()) {
            List<ApiError> errors = decision.counted().stream()
                    .map(n -> ApiError.of(null, "counted", ErrorCode.PENALTY_NOTICE_LIMIT,
                            "notice " + n.noticeId() + " issued on " + n.issuedOn() + " counts"))
                    .toList();
            throw new RequestRejected(HttpStatus.CONFLICT, ErrorCode.PENALTY_NOTICE_LIMIT, decision.refusal(),
                    errors);
        }
    }

    private static List<NoticeView> views(List<Notice> onRecord, List<NoticeOnRecord> counted) {
        return onRecord.stream()
                .filter(n -> counted.stream().anyMatch(c -> c.noticeId().equals(n.id())))
                .map(NoticeView::of).toList();
    }

    private void requirePupilOfTheLa(String laCode, String urn, String upn) {
        var school = KnownSchools.require(schools, urn);
        if (!school.laCode().equals(laCode)) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "urn",
                    "school " + urn + " is not in LA " + laCode);
        }
        Upn.requireValid(upn);
        roll.requireKnown(urn, upn);
    }

    private void requireNotice(String laCode, String id) {
        if (notices.find(laCode, id).isEmpty()) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_PENALTY_NOTICE, "id",
                    "LA " + laCode + " has no notice " + id);
        }
    }
}
