package org.attendanceledger.service.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.attendanceledger.service.infrastructure.Caller;
import org.attendanceledger.service.security.SchoolScopes;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Validated
@Tag(name = "Audit", description = "The global, ordered event feed")
public class AuditController {

    private final EventFeed feed;
    private final Caller caller;
    private final SchoolScopes scopes;

    public AuditController(EventFeed feed, Caller caller, SchoolScopes scopes) {
        this.feed = feed;
        this.caller = caller;
        this.scopes = scopes;
    }

    public record FeedPage(List<EventFeed.FeedEvent> events, Long next) {
    }

    @GetMapping("/events")
    @Operation(summary = "Events after a position, in the order they were stored; pass `next` as `after` to go on. "
            + "A scoped auditor gets the events of its schools only")
    public FeedPage events(@RequestParam(defaultValue = "0") @Min(0) long after,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                           HttpServletRequest http) {
        List<EventFeed.FeedEvent> events = feed.after(after, limit, scopes.of(caller.principal(http)));
        Long next = events.isEmpty() ? null : events.get(events.size() - 1).position();
        return new FeedPage(events, next);
    }
}
