package org.attendanceledger.service.projection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The projections' dead-letter queue, for admins (the access policy keeps /api/v1/admin/** to admin keys). */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Tag(name = "Administration")
public class DeadLetterController {

    private final ProjectionDeadLetters deadLetters;

    public DeadLetterController(ProjectionDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(summary = "The events the projections could not handle, held per school (sequence) in order, with "
            + "the type of each failure")
    public Map<String, List<ProjectionDeadLetters.Sequence>> list() {
        return Map.of("sequences", deadLetters.list());
    }

    @PostMapping("/{sequence}/retry")
    @Operation(summary = "Hand one school's held events to the projections again, in order; answers whether all "
            + "were projected and how many are still held")
    public ProjectionDeadLetters.RetryOutcome retry(@PathVariable String sequence) {
        return deadLetters.retry(sequence);
    }
}
