package org.attendanceledger.service.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.catalogue.CodeCatalogue;
import org.attendanceledger.catalogue.CodeCategory;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.query.KnownMarks;
import org.attendanceledger.service.attendance.AttendanceController;
import org.attendanceledger.service.penalty.EvidenceBundleController;
import org.attendanceledger.service.projection.ProjectionReads;
import org.attendanceledger.service.register.MarkController;
import org.attendanceledger.service.security.AccessPolicy;
import org.attendanceledger.service.security.ReasonTextRedaction;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A pupil's year as a heat map of sessions by category, each marked session opening its amendment chain (the five
 * audit items), and the evidence bundle's PDF. The figures and the chain are the API's own answers; reasons are
 * withheld exactly as the API withholds them ({@link ReasonTextRedaction}).
 */
@WebPage
public class PupilPages extends Pages {

    private static final CodeCatalogue CATALOGUE = CodeCatalogue.national();

    private final AttendanceController attendance;
    private final MarkController marks;
    private final EvidenceBundleController evidence;
    private final KnownMarks knownMarks;
    private final ReasonTextRedaction redaction;
    private final ObjectMapper json;

    public PupilPages(AccessPolicy access, AttendanceController attendance, MarkController marks,
                      EvidenceBundleController evidence, KnownMarks knownMarks, ReasonTextRedaction redaction,
                      ObjectMapper json) {
        super(access);
        this.attendance = attendance;
        this.marks = marks;
        this.evidence = evidence;
        this.knownMarks = knownMarks;
        this.redaction = redaction;
        this.json = json;
    }

    private static String api(String urn, String rest) {
        return "/api/v1/schools/" + segment(urn) + "/" + rest;
    }

    /** One session of the heat map: its code as known, and the code's category on the session's own date. */
    public record Cell(LocalDate date, Session session, String code, CodeCategory category) {

        public String label() {
            return date + " " + session + (code == null ? ": no mark"
                    : ": " + code + " (" + category.name().toLowerCase().replace('_', ' ') + ")");
        }
    }

    /** A week of the heat map, Monday to Friday, morning and afternoon. */
    public record Week(LocalDate monday, List<Cell> cells) {
    }

    @GetMapping("/ui/schools/{urn}/pupils/{upn}")
    String timeline(@PathVariable String urn, @PathVariable String upn,
                    @RequestParam(required = false) String academicYear,
                    @RequestParam(required = false) String asKnownAt, Model model) {
        requireRead(api(urn, "pupils/" + segment(upn) + "/attendance"));
        AcademicYear year = ProjectionReads.academicYear(blankToNull(academicYear), ProjectionReads.today());
        String knownAtText = blankToNull(asKnownAt);
        // The figures first: the API's answer, which also waits until the projections hold every earlier write.
        var figures = attendance.attendance(urn, upn, year.firstDay(), year.lastDay(), knownAtText);
        Instant knownAt = ProjectionReads.asKnownAt(knownAtText);
        List<SessionMark> known = knownMarks.ofPupil(new PupilKey(urn, upn), year.firstDay(), year.lastDay(),
                knownAt == null ? Instant.now() : knownAt);
        model.addAttribute("urn", urn);
        model.addAttribute("upn", upn);
        model.addAttribute("year", year);
        model.addAttribute("previousYear", year.previous());
        model.addAttribute("nextYear", year.next());
        model.addAttribute("figures", figures);
        model.addAttribute("weeks", weeks(year, known));
        model.addAttribute("categories", CodeCategory.values());
        return "ui/timeline";
    }

    /** Every week of the academic year that has at least one mark, Monday first. */
    static List<Week> weeks(AcademicYear year, List<SessionMark> known) {
        Map<LocalDate, Map<Session, String>> byDay = new HashMap<>();
        for (SessionMark mark : known) {
            byDay.computeIfAbsent(mark.date(), d -> new EnumMap<>(Session.class)).put(mark.session(), mark.code());
        }
        List<Week> weeks = new ArrayList<>();
        LocalDate monday = year.firstDay().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (; !monday.isAfter(year.lastDay()); monday = monday.plusWeeks(1)) {
            List<Cell> cells = new ArrayList<>(10);
            boolean any = false;
            for (int day = 0; day < 5; day++) {
                LocalDate date = monday.plusDays(day);
                for (Session session : Session.values()) {
                    String code = byDay.getOrDefault(date, Map.of()).get(session);
                    any |= code != null;
                    cells.add(new Cell(date, session, code, code == null ? null : CATALOGUE.categoryOf(code, date)));
                }
            }
            if (any) {
                weeks.add(new Week(monday, cells));
            }
        }
        return weeks;
    }

    /**
     * An entry's full amendment chain: for htmx, the chain alone (it fills the panel beside the heat map); otherwise
     * a page of its own, the auditor's entry history.
     */
    @GetMapping("/ui/schools/{urn}/pupils/{upn}/sessions/{date}/{session}")
    String chain(@PathVariable String urn, @PathVariable String upn,
                 @PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date, @PathVariable Session session,
                 @RequestParam(required = false) String asKnownAt,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model)
            throws JsonProcessingException {
        requireRead(api(urn, "marks/" + segment(upn) + "/" + date + "/" + session + "/history"));
        MarkController.HistoryView history = marks.history(urn, upn, date, session, blankToNull(asKnownAt));
        // Exactly what the API would send this caller: reasons withheld from those who may not read them.
        MarkController.HistoryView shown = json.treeToValue(redaction.asCallerMaySee(history),
                MarkController.HistoryView.class);
        model.addAttribute("history", shown);
        model.addAttribute("reasonsWithheld", !ReasonTextRedaction.callerMayReadReasonText());
        return htmx != null ? "ui/entry :: chain" : "ui/entry";
    }

    @GetMapping(path = "/ui/schools/{urn}/pupils/{upn}/penalty-threshold/evidence.pdf")
    @ResponseBody
    ResponseEntity<byte[]> evidencePdf(@PathVariable String urn, @PathVariable String upn,
                                       @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                                       @RequestParam(required = false) String asKnownAt) {
        requireRead(api(urn, "pupils/" + segment(upn) + "/penalty-threshold/evidence"));
        return evidence.pdf(urn, upn, from, to, blankToNull(asKnownAt));
    }
}
