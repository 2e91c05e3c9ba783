package org.attendanceledger.service.projection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Administration")
public class ProjectionAdminController {

    private final ProjectionRebuild rebuild;

    public ProjectionAdminController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Drop every projection and rebuild it from the event store; answers when caught up, with "
            + "the events replayed, the rows of each table and the time taken")
    public ProjectionRebuild.Report rebuild() {
        return rebuild.rebuild();
    }
}
