package org.attendanceledger.service.projection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.problem.RequestRejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Administration")
public class ProjectionAdminController {

    private static final String JOBS = "/api/v1/admin/projections/rebuild/";

    private final ProjectionRebuild rebuild;

    public ProjectionAdminController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Rebuild every projection from the event store into new tables while reads go on from the "
            + "current ones, which the rebuilt tables replace in one transaction once caught up; answers 202 at once "
            + "with the job (Location: where to follow it). While one runs, asking again answers that one.")
    public ResponseEntity<ProjectionRebuild.Job> start() {
        ProjectionRebuild.Job job = rebuild.start();
        return ResponseEntity.accepted().location(URI.create(JOBS + job.id())).body(job);
    }

    @GetMapping("/rebuild/{id}")
    @Operation(summary = "A rebuild's progress: its state (RUNNING, SUCCEEDED, FAILED), the events to replay "
            + "(headEvents, up to headPosition), the events replayed so far and the position every segment has "
            + "reached, when it started and finished, and why it failed")
    public ProjectionRebuild.Job job(@PathVariable String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw unknown();
        }
        // UUID.fromString also reads shortened forms such as 1-2-3-4-5: only the form the ledger gives is an id.
        if (!jobId.toString().equals(id)) {
            throw unknown();
        }
        return rebuild.find(jobId).orElseThrow(ProjectionAdminController::unknown);
    }

    private static RequestRejected unknown() {
        return RequestRejected.single(HttpStatus.NOT_FOUND, ErrorCode.UNKNOWN_REBUILD_JOB, "id",
                "no projection rebuild has that id");
    }
}
