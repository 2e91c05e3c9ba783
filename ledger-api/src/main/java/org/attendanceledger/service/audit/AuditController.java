package org.attendanceledger.service.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.security.SchoolScopes;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Validated
@Tag(name = "Audit", description = "The global, ordered event feed and backdated amendments")
public class AuditController {

    private final EventFeed feed;
    private final BackdatedAmendments backdated;
    private final Caller caller;
    private final SchoolScopes scopes;

    public AuditController(EventFeed feed, BackdatedAmendments backdated, Caller caller, SchoolScopes scopes) {
        this.feed = feed;
        this.backdated = backdated;
        this.caller = caller;
        this.scopes = scopes;
    }

    public record FeedPage(List<EventFeed.FeedEvent> events, Long next) {
    }

    @GetMapping("/events")
    @Operation(summary = "Events after a position, in the tamper-evident log's order (commit order: an event that "
            + "commits late is still delivered on a later page); pass `next` as `after` to go on. A scoped auditor "
            + "gets the events of its schools only")
    public FeedPage events(@RequestParam(defaultValue = "0") @Min(0) long after,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                           HttpServletRequest http) {
        List<EventFeed.FeedEvent> events = feed.after(after, limit, scopes.of(caller.principal(http)));
        Long next = events.isEmpty() ? null : events.get(events.size() - 1).position();
        return new FeedPage(events, next);
    }

    @GetMapping("/backdated-amendments")
    @Operation(summary = "Amendments received on the dates [from, to] whose amendedAt lies more than "
            + "ledger.audit.backdated-after (P7D) before receivedAt, in log order; pass `next` as `cursor` to go on. "
            + "A scoped auditor gets its schools only")
    public BackdatedAmendments.Page backdatedAmendments(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                                        @RequestParam(defaultValue = "-1") @Min(-1) long cursor,
                                                        @RequestParam(defaultValue = "1000") @Min(1) @Max(5000)
                                                        int limit,
                                                        HttpServletRequest http) {
        if (from.isAfter(to)) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "from",
                    "from must not be after to");
        }
        return backdated.received(from, to, cursor, limit, scopes.of(caller.principal(http)));
    }
}
