package org.attendanceledger.service.leave;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.projections.query.KnownMarks;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.leave.LeaveRequest;
import org.attendanceledger.leave.api.DecideLeaveOfAbsence;
import org.attendanceledger.leave.api.LeaveDecision;
import org.attendanceledger.leave.api.LeaveRequester;
import org.attendanceledger.leave.api.RequestLeaveOfAbsence;
import org.attendanceledger.leave.api.WithdrawLeaveOfAbsence;
import org.attendanceledger.roll.Upn;
import org.attendanceledger.service.export.ItemList;
import org.attendanceledger.service.export.Paging;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.infrastructure.CommandSender;
import org.attendanceledger.service.infrastructure.RequestMetadata;
import org.attendanceledger.service.leave.LeaveDirectory.LeaveRequestView;
import org.attendanceledger.service.leave.LeaveDirectory.LeaveWithoutDecision;
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

/** Leave of absence (contract "Leave of absence", rules 5): requests, decisions by authorised persons, withdrawal. */
@RestController
@RequestMapping("/api/v1/schools/{urn}")
@Tag(name = "Leave of absence", description = "Requests for leave, decisions by authorised persons, withdrawals")
public class LeaveController {

    private final CommandSender commands;
    private final LeaveDirectory leave;
    private final SchoolDirectory schools;
    private final RollDirectory roll;
    private final Caller caller;

    private static final Comparator<SessionMark> BY_SESSION =
            Comparator.comparing(SessionMark::date).thenComparing(SessionMark::session);
    private final KnownMarks knownMarks;
    private final ProjectionReads reads;

    public LeaveController(CommandSender commands, LeaveDirectory leave, SchoolDirectory schools, RollDirectory roll,
                           Caller caller, KnownMarks knownMarks, ProjectionReads reads) {
        this.knownMarks = knownMarks;
        this.reads = reads;
        this.commands = commands;
        this.leave = leave;
        this.schools = schools;
        this.roll = roll;
        this.caller = caller;
    }

    public record SessionRef(@NotNull LocalDate date, @NotNull Session session) {

        SessionSlot slot() {
            return new SessionSlot(date, session);
        }
    }

    public record LeaveRequestBody(@NotNull String upn, @NotNull @Valid SessionRef from, @NotNull @Valid SessionRef to,
                                   String circumstance,
                                   @NotNull @Pattern(regexp = "parent|school", message = "must be parent or school")
                                   String requestedBy,
                                   @NotNull Actor by) {
    }

    public record DecisionBody(@NotNull LeaveDecision decision, String code, String reason, Actor decidedBy,
                               Instant decidedAt) {
    }

    public record WithdrawalBody(String reason, Actor by, Instant withdrawnAt) {
    }

    public record Created(String id) {
    }

    public record LeaveWithoutDecisionList(String urn, LocalDate from, LocalDate to, Instant asKnownAt,
                                           List<LeaveWithoutDecision> items, String next) implements ItemList {
    }

    @PostMapping("/leave-requests")
    @Operation(summary = "Record a request for leave of absence (a retry with the same terms finds the same request)")
    public ResponseEntity<Created> request(@PathVariable String urn, @Valid @RequestBody LeaveRequestBody body,
                                           HttpServletRequest http) {
        KnownSchools.require(schools, urn);
        Upn.requireValid(body.upn());
        roll.requireKnown(urn, body.upn());
        LeaveRequester requester = LeaveRequester.valueOf(body.requestedBy().toUpperCase(Locale.ROOT));
        var retried = leave.findIdentical(urn, body.upn(), body.from().slot(), body.to().slot(), requester);
        if (retried.isPresent()) {
            return ResponseEntity.ok(new Created(retried.get().id()));
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        commands.send(new RequestLeaveOfAbsence(id, urn, body.upn(), body.from().slot(), body.to().slot(),
                body.circumstance(), requester, body.by(), now), RequestMetadata.of(now, caller.apiKeyId(http)));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(id));
    }

    @PostMapping("/leave-requests/{id}/decision")
    @Operation(summary = "Grant (with a leave code) or refuse; decidedBy.staffId must hold GRANT_LEAVE on decidedAt's "
            + "date (403 ACTOR_NOT_AUTHORISED)")
    public LeaveRequestView decide(@PathVariable String urn, @PathVariable String id,
                                   @Valid @RequestBody DecisionBody body, HttpServletRequest http) {
        requireRequest(urn, id);
        Instant now = Instant.now();
        LeaveRequest.Recorded ignored = commands.send(new DecideLeaveOfAbsence(id, body.decision(), body.code(),
                body.reason(), body.decidedBy(), body.decidedAt()), RequestMetadata.of(now, caller.apiKeyId(http)));
        return leave.find(urn, id).orElseThrow();
    }

    @PostMapping("/leave-requests/{id}/withdrawal")
    @Operation(summary = "Withdraw granted leave; sessions after the withdrawal date lose its cover")
    public LeaveRequestView withdraw(@PathVariable String urn, @PathVariable String id,
                                     @RequestBody WithdrawalBody body, HttpServletRequest http) {
        requireRequest(urn, id);
        Instant now = Instant.now();
        LeaveRequest.Recorded ignored = commands.send(new WithdrawLeaveOfAbsence(id, body.reason(), body.by(),
                body.withdrawnAt()), RequestMetadata.of(now, caller.apiKeyId(http)));
        return leave.find(urn, id).orElseThrow();
    }

    @GetMapping("/leave-without-decision")
    @Operation(summary = "Marks with a leave code (C, C1, C2, J1, M, R, S, T) on sessions no granted leave covers, "
            + "between from and to (default: the current academic year, advance marks included)")
    public LeaveWithoutDecisionList leaveWithoutDecision(
            @PathVariable String urn,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
            @RequestParam(required = false) String asKnownAt,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        KnownSchools.require(schools, urn);
        Instant knownAt = ProjectionReads.asKnownAt(asKnownAt);
        // Leave codes are entered in advance, and one without a decision is worth seeing before its day comes.
        AcademicYear current = AcademicYear.containing(ProjectionReads.today());
        LocalDate first = from == null ? current.firstDay() : from;
        LocalDate last = to == null ? AcademicYear.containing(first).lastDay() : to;
        if (first.isAfter(last)) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "from",
                    "from (" + first + ") is after to (" + last + ")");
        }
        List<LeaveWithoutDecision> found;
        if (knownAt == null) {
            found = leave.leaveWithoutDecision(urn, first, last);
        } else {
            // The marks as known then are the projections' versions of each mark.
            Map<String, List<SessionMark>> marks = new TreeMap<>();
            knownMarks.ofSchools(List.of(reads.school(urn)), first, last, knownAt).forEach((pupil, ofPupil) ->
                    marks.put(pupil.upn(), ofPupil.stream().sorted(BY_SESSION).toList()));
            found = leave.leaveWithoutDecision(urn, marks, knownAt);
        }
        Paging.Page<LeaveWithoutDecision> page = Paging.page(found, limit, cursor,
                l -> Paging.key(l.upn(), l.date(), l.session()));
        return new LeaveWithoutDecisionList(urn, first, last, knownAt, page.items(), page.next());
    }

    private void requireRequest(String urn, String id) {
        KnownSchools.require(schools, urn);
        if (leave.find(urn, id).isEmpty()) {
            throw RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_LEAVE_REQUEST, "id",
                    "school " + urn + " has no request for leave " + id);
        }
    }
}
