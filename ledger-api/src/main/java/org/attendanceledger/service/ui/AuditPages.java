package org.attendanceledger.service.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.service.audit.AuditController;
import org.attendanceledger.service.audit.AuditLogController;
import org.attendanceledger.service.audit.LogVerification;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.security.AccessPolicy;
import org.attendanceledger.service.security.ReasonTextRedaction;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor's pages: the event feed in log order (scoped as the API scopes it), a way into any entry's history, and
 * the log's latest signed head beside the result of the last verification.
 */
@WebPage
public class AuditPages extends Pages {

    /** Events per feed page: a screenful; the API allows up to 1000. */
    static final int FEED_PAGE = 50;

    private final AuditController feed;
    private final AuditLogController log;
    private final LogVerification verification;
    private final ReasonTextRedaction redaction;

    public AuditPages(AccessPolicy access, AuditController feed, AuditLogController log,
                      LogVerification verification, ReasonTextRedaction redaction) {
        super(access);
        this.feed = feed;
        this.log = log;
        this.verification = verification;
        this.redaction = redaction;
    }

    @GetMapping("/ui/audit/events")
    String events(@RequestParam(defaultValue = "0") String after, Model model, HttpServletRequest request) {
        requireRead("/api/v1/audit/events");
        long position;
        try {
            position = Long.parseLong(after);
        } catch (NumberFormatException e) {
            position = -1;
        }
        if (position < 0) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "after",
                    "a feed position is a whole number from 0");
        }
        AuditController.FeedPage page = feed.events(position, FEED_PAGE, request);
        model.addAttribute("page", page);
        model.addAttribute("after", position);
        // Each payload as the API would send it to this caller (reasons withheld alike).
        model.addAttribute("payloads", page.events().stream()
                .map(e -> redaction.asCallerMaySee(e.payload()).toPrettyString()).toList());
        model.addAttribute("readsNowOnly", true);
        return "ui/feed";
    }

    /** The entry-history form: a school, pupil, date and session, opened as the pupil pages' chain. */
    @GetMapping("/ui/audit/entry")
    String entry(@RequestParam(defaultValue = "") String urn, @RequestParam(defaultValue = "") String upn,
                 @RequestParam(defaultValue = "") String date, @RequestParam(defaultValue = "") String session,
                 @RequestParam(required = false) String asKnownAt) {
        LocalDate day;
        Session half;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "date",
                    "a date as yyyy-MM-dd, e.g. 2025-03-05");
        }
        try {
            half = Session.valueOf(session);
        } catch (IllegalArgumentException e) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "session",
                    "AM or PM");
        }
        if (urn.isBlank() || upn.isBlank()) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED,
                    urn.isBlank() ? "urn" : "upn", "Enter the school's URN and the pupil's UPN");
        }
        String knownAt = blankToNull(asKnownAt);
        return "redirect:/ui/schools/" + segment(urn.strip()) + "/pupils/" + segment(upn.strip()) + "/sessions/"
                + day + "/" + half + (knownAt == null ? "" : "?asKnownAt=" + segment(knownAt));
    }

    @GetMapping("/ui/audit/log")
    String logHead(Model model) {
        requireRead("/api/v1/audit/log/tree-head");
        model.addAttribute("head", log.treeHead(null));
        boolean mayVerify = mayRead("/api/v1/audit/log/verify");
        model.addAttribute("mayVerify", mayVerify);
        model.addAttribute("last", mayVerify ? verification.last().orElse(null) : null);
        model.addAttribute("readsNowOnly", true);
        return "ui/log";
    }

    /** Runs the API's verification of the whole log (unscoped auditors and admins, as in the API), then shows it. */
    @PostMapping("/ui/audit/log/verification")
    String verify() {
        requireRead("/api/v1/audit/log/verify");
        log.verify(null, null);
        return "redirect:/ui/audit/log";
    }
}
