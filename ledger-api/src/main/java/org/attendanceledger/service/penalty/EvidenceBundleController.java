package org.attendanceledger.service.penalty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.attendanceledger.service.security.ReasonTextRedaction;
import org.attendanceledger.service.projection.ProjectionReads;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Penalty threshold", description = "10 sessions of G/N/O/U within 10 school weeks (National Framework)")
public class EvidenceBundleController {

    private static final String PATH = "/schools/{urn}/pupils/{upn}/penalty-threshold/evidence";

    private final EvidenceBundles bundles;
    private final ReasonTextRedaction redaction;

    public EvidenceBundleController(EvidenceBundles bundles, ReasonTextRedaction redaction) {
        this.bundles = bundles;
        this.redaction = redaction;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The evidence bundle of the pupil's penalty threshold in [from, to]: the threshold answer, "
            + "its ten school weeks, every counted session's full chain with an inclusion proof against a signed tree "
            + "head, leave, notices and the statutory-defences checklist; as a PDF with Accept: application/pdf")
    public EvidenceBundles.Bundle json(@PathVariable String urn, @PathVariable String upn,
                                       @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                                       @RequestParam(required = false) String asKnownAt) {
        return bundles.bundle(urn, upn, from, to, ProjectionReads.asKnownAt(asKnownAt));
    }

    /** The same bundle, built from the same JSON the caller would get (reasons withheld alike), printed. */
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> pdf(@PathVariable String urn, @PathVariable String upn,
                                      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                                      @RequestParam(required = false) String asKnownAt) {
        EvidenceBundles.Bundle bundle = bundles.bundle(urn, upn, from, to, ProjectionReads.asKnownAt(asKnownAt));
        byte[] pdf = EvidenceBundlePdf.render(redaction.asCallerMaySee(bundle),
                !ReasonTextRedaction.callerMayReadReasonText());
        String name = "evidence-" + bundle.threshold().urn() + "-" + bundle.threshold().upn() + "-"
                + bundle.threshold().from() + "-" + bundle.threshold().to() + ".pdf";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString())
                .body(pdf);
    }
}
