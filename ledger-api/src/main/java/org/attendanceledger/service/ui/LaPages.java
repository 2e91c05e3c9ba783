package org.attendanceledger.service.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.attendanceledger.calendar.AcademicYear;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.common.Actor;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;
import org.attendanceledger.common.TextLimits;
import org.attendanceledger.penalty.api.PenaltyNoticeKind;
import org.attendanceledger.projections.query.MissingMarksQuery;
import org.attendanceledger.projections.query.ProjectedSchools;
import org.attendanceledger.service.attendance.AttendanceController;
import org.attendanceledger.service.attendance.AttendanceController.AbsenceListItem;
import org.attendanceledger.service.attendance.AttendanceController.AbsenceListView;
import org.attendanceledger.service.export.ItemList;
import org.attendanceledger.service.overdue.OverdueNController;
import org.attendanceledger.service.penalty.PenaltyNoticeController;
import org.attendanceledger.service.penalty.PenaltyNoticeController.NoticeView;
import org.attendanceledger.service.penalty.PenaltyThresholdController;
import org.attendanceledger.service.penalty.PenaltyThresholdController.ThresholdView;
import org.attendanceledger.service.problem.ApiError;
import org.attendanceledger.service.problem.ErrorStatus;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.projection.ProjectionReads;
import org.attendanceledger.service.register.MissingMarksController;
import org.attendanceledger.service.roll.DualRegistrationController;
import org.attendanceledger.service.roll.RollDirectory;
import org.attendanceledger.service.security.AccessPolicy;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The LA officer's pages. Each calls the API controller method of the same list, after asking the access policy
 * about the API request it mirrors, so a page and the API cannot disagree; each table's CSV is the same list written
 * by the API's own CSV converter.
 */
@WebPage
public class LaPages extends Pages {

    private final PenaltyThresholdController thresholds;
    private final PenaltyNoticeController notices;
    private final AttendanceController attendance;
    private final OverdueNController overdueN;
    private final MissingMarksController missingMarks;
    private final DualRegistrationController conflicts;
    private final ProjectedSchools schools;
    private final RollDirectory roll;
    private final Validator validator;

    public LaPages(AccessPolicy access, PenaltyThresholdController thresholds, PenaltyNoticeController notices,
                   AttendanceController attendance, OverdueNController overdueN, MissingMarksController missingMarks,
                   DualRegistrationController conflicts, ProjectedSchools schools, RollDirectory roll,
                   Validator validator) {
        super(access);
        this.thresholds = thresholds;
        this.notices = notices;
        this.attendance = attendance;
        this.overdueN = overdueN;
        this.missingMarks = missingMarks;
        this.conflicts = conflicts;
        this.schools = schools;
        this.roll = roll;
        this.validator = validator;
    }

    private static String api(String laCode, String list) {
        return "/api/v1/las/" + segment(laCode) + "/" + list;
    }

    // ---- The penalty-threshold queue -------------------------------------------------------------------------------

    /** A queue row: the threshold answer, its sessions' code mix, and the notices already on record for the pupil. */
    public record QueueRow(ThresholdView threshold, Map<String, Long> codeMix, List<NoticeView> notices) {

        public String rowId() {
            return "pupil-" + threshold.urn() + "-" + threshold.upn();
        }

        /** The academic year the pupil's timeline opens at: the breach's, else the period's end. */
        public String academicYear() {
            return AcademicYear.containing(threshold.breachAt() == null
                    ? threshold.to() : threshold.breachAt().date()).toString();
        }
    }

    @GetMapping("/ui/las/{laCode}/penalty-threshold")
    String queue(@PathVariable String laCode,
                 @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                 @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                 @RequestParam(required = false) String asKnownAt, Model model, HttpSession session) {
        requireRead(api(laCode, "penalty-threshold"));
        var list = thresholds.localAuthority(laCode, from, to, blankToNull(asKnownAt), null, null);
        Map<String, List<NoticeView>> onRecord = noticesByPupil(laCode);
        model.addAttribute("laCode", laCode);
        model.addAttribute("list", list);
        model.addAttribute("rows", list.items().stream()
                .map(t -> new QueueRow(t, codeMix(t), onRecord.getOrDefault(t.urn() + "/" + t.upn(), List.of())))
                .toList());
        queueForm(laCode, model, session);
        return "ui/queue";
    }

    @GetMapping(path = "/ui/las/{laCode}/penalty-threshold.csv", produces = "text/csv")
    @ResponseBody
    ItemList queueCsv(@PathVariable String laCode,
                      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                      @RequestParam(required = false) String asKnownAt, HttpServletResponse response) {
        requireRead(api(laCode, "penalty-threshold"));
        return attachment(response, "penalty-threshold-" + laCode,
                thresholds.localAuthority(laCode, from, to, blankToNull(asKnownAt), null, null));
    }

    /** Whether a penalty notice may be issued to the parent now: the API's eligibility read, as a fragment. */
    @GetMapping("/ui/las/{laCode}/penalty-threshold/eligibility")
    String eligibility(@PathVariable String laCode, @RequestParam String urn, @RequestParam String upn,
                       @RequestParam(defaultValue = "") String parentRef, Model model) {
        requireRead(api(laCode, "penalty-notices/eligibility"));
        if (!parentRef.isBlank()) {
            checkParentRef(parentRef);
            model.addAttribute("eligibility", notices.eligibility(laCode, urn, upn, parentRef, null, null));
        }
        return "ui/queue :: eligibility";
    }

    /**
     * Records a notice to improve or a penalty notice from a queue row, through the API's own method (its checks, its
     * retry rule: the same notice sent twice is stored once), and answers the row as it now reads. Refusals come back
     * in the row as a GOV.UK error summary with the ledger's code.
     */
    @PostMapping("/ui/las/{laCode}/penalty-notices")
    String recordNotice(@PathVariable String laCode, @RequestParam(defaultValue = "") String urn,
                        @RequestParam(defaultValue = "") String upn, @RequestParam(defaultValue = "") String parentRef,
                        @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String issuedOn,
                        @RequestParam(required = false) String breachDate,
                        @RequestParam(required = false) String breachSession,
                        @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String position,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        Model model, HttpServletRequest request, HttpServletResponse response) {
        require(HttpMethod.POST, api(laCode, "penalty-notices"));
        requireRead(api(laCode, "penalty-threshold"));
        List<PageError> errors = new ArrayList<>();
        LocalDate periodFrom = date("from", from, errors);
        LocalDate periodTo = date("to", to, errors);
        NoticeView recorded = null;
        if (errors.isEmpty()) {
            try {
                // The same notice sent again is found and answered, not stored twice (the API's own retry rule).
                recorded = notices.issue(laCode, issueRequest(urn, upn, parentRef, kind, issuedOn, breachDate,
                        breachSession, name, position), request).getBody();
                HttpSession session = request.getSession();
                session.setAttribute(SignInPages.ACTOR_NAME, name.strip());
                session.setAttribute(SignInPages.ACTOR_POSITION, position.strip());
            } catch (RequestRejected e) {
                response.setStatus(e.status().value());
                errors.addAll(PageError.of(e.errors()));
            } catch (RuleViolation e) {
                response.setStatus(ErrorStatus.of(e.code()).value());
                errors.add(PageError.of(e.code(), e.field(), e.detail()));
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        if (request.getHeader("HX-Request") == null) {
            if (errors.isEmpty()) {
                return "redirect:/ui/las/" + segment(laCode) + "/penalty-threshold?recorded=" + recorded.id();
            }
            model.addAttribute("heading", "The notice was not recorded");
            model.addAttribute("errors", errors);
            model.addAttribute("status", response.getStatus());
            return ERROR_VIEW;
        }
        ThresholdView threshold = thresholds.pupil(urn, upn, periodFrom, periodTo, null);
        model.addAttribute("laCode", laCode);
        model.addAttribute("row", new QueueRow(threshold, codeMix(threshold),
                noticesByPupil(laCode).getOrDefault(urn + "/" + upn, List.of())));
        model.addAttribute("rowErrors", errors);
        model.addAttribute("recorded", recorded);
        model.addAttribute("list", new PenaltyThresholdController.ThresholdList(laCode, threshold.from(),
                threshold.to(), null, List.of(threshold), null));
        queueForm(laCode, model, request.getSession());
        return "ui/queue :: row";
    }

    private PenaltyNoticeController.IssueRequest issueRequest(String urn, String upn, String parentRef, String kind,
                                                              String issuedOn, String breachDate, String breachSession,
                                                              String name, String position) {
        List<PageError> errors = new ArrayList<>();
        PenaltyNoticeKind noticeKind = null;
        try {
            noticeKind = PenaltyNoticeKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, "kind",
                    "Choose a notice to improve or a penalty notice"));
        }
        LocalDate issued = date("issuedOn", issuedOn, errors);
        if (issuedOn.isBlank()) {
            errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, "issuedOn", "Enter the date the notice was issued"));
        }
        PenaltyNoticeController.SessionRef breachAt = null;
        LocalDate breach = date("breachAt.date", breachDate, errors);
        if (breach != null) {
            try {
                breachAt = new PenaltyNoticeController.SessionRef(breach, Session.valueOf(breachSession));
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, "breachAt.session", "AM or PM"));
            }
        }
        var issue = new PenaltyNoticeController.IssueRequest(urn, upn, parentRef, noticeKind, issued, breachAt,
                new Actor(blankToNull(name), blankToNull(position), null));
        // The same constraints the API checks on its request body, named by the same fields.
        for (ConstraintViolation<?> violation : validator.validate(issue)) {
            String field = violation.getPropertyPath().toString();
            if (errors.stream().noneMatch(e -> field.equals(e.field()))) {
                errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, field, violation.getMessage()));
            }
        }
        // The API reads text through TextLimits as it parses JSON; a form is checked here against the same table.
        // A missing name or position is the notice's own rule (VALIDATION_FAILED, field by), not repeated here.
        checkText("parentRef", parentRef, errors);
        checkText("by.name", name, errors);
        checkText("by.position", position, errors);
        if (!errors.isEmpty()) {
            throw new RequestRejected(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED,
                    "the notice was not recorded",
                    errors.stream().map(e -> new ApiError(null, e.field(), e.code(), e.text())).toList());
        }
        return issue;
    }

    private static void checkText(String field, String value, List<PageError> errors) {
        String last = field.substring(field.lastIndexOf('.') + 1);
        TextLimits.problem(last, value).ifPresent(problem ->
                errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, field, problem)));
    }

    private static void checkParentRef(String parentRef) {
        List<PageError> errors = new ArrayList<>();
        checkText("parentRef", parentRef, errors);
        if (parentRef.length() > 100) {
            errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, "parentRef", "must be at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw RequestRejected.single(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_FAILED, "parentRef",
                    errors.get(0).text());
        }
    }

    /** A date from a form: blank is none; anything but yyyy-MM-dd is refused, never guessed at. */
    private static LocalDate date(String field, String text, List<PageError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            TextLimits.problem(date).ifPresent(problem ->
                    errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, field, problem)));
            return date;
        } catch (DateTimeParseException e) {
            errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, field, "a date as yyyy-MM-dd, e.g. 2025-03-05"));
            return null;
        }
    }

    private void queueForm(String laCode, Model model, HttpSession session) {
        model.addAttribute("mayRecord", mayPost(api(laCode, "penalty-notices")));
        model.addAttribute("actorName", session.getAttribute(SignInPages.ACTOR_NAME));
        model.addAttribute("actorPosition", session.getAttribute(SignInPages.ACTOR_POSITION));
        model.addAttribute("today", ProjectionReads.today());
        model.addAttribute("kinds", PenaltyNoticeKind.values());
    }

    private boolean mayPost(String apiPath) {
        try {
            require(HttpMethod.POST, apiPath);
            return true;
        } catch (PageRefused refused) {
            return false;
        }
    }

    private Map<String, List<NoticeView>> noticesByPupil(String laCode) {
        if (!mayRead(api(laCode, "penalty-notices"))) {
            return Map.of();
        }
        return notices.list(laCode, null, null, null, null, null).items().stream()
                .collect(Collectors.groupingBy(n -> n.urn() + "/" + n.upn(), LinkedHashMap::new, Collectors.toList()));
    }

    private static Map<String, Long> codeMix(ThresholdView threshold) {
        return threshold.sessions().stream()
                .collect(Collectors.groupingBy(PenaltyThresholdController.CountedSession::code, TreeMap::new,
                        Collectors.counting()));
    }

    // ---- Persistent and severe absence -----------------------------------------------------------------------------

    @GetMapping("/ui/las/{laCode}/absence-lists/{list:persistent|severe}")
    String absence(@PathVariable String laCode, @PathVariable String list,
                   @RequestParam(required = false) String academicYear,
                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                   @RequestParam(required = false) String urn, @RequestParam(required = false) String yearGroup,
                   @RequestParam(required = false) String asKnownAt, Model model) {
        AbsenceListView view = absenceList(laCode, list, academicYear, asOf, urn, yearGroup, asKnownAt);
        requireRead(api(laCode, "absence-lists/" + list));
        model.addAttribute("laCode", laCode);
        model.addAttribute("list", view);
        model.addAttribute("severe", "severe".equals(list));
        model.addAttribute("schools", schools.urnsIn(laCode));
        model.addAttribute("urn", blankToNull(urn));
        model.addAttribute("yearGroup", blankToNull(yearGroup));
        model.addAttribute("rows", yearGroupsOf(view));
        return "ui/absence";
    }

    @GetMapping(path = "/ui/las/{laCode}/absence-lists/{list:persistent|severe}.csv", produces = "text/csv")
    @ResponseBody
    ItemList absenceCsv(@PathVariable String laCode, @PathVariable String list,
                        @RequestParam(required = false) String academicYear,
                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                        @RequestParam(required = false) String urn, @RequestParam(required = false) String yearGroup,
                        @RequestParam(required = false) String asKnownAt, HttpServletResponse response) {
        return attachment(response, list + "-absence-" + laCode,
                absenceList(laCode, list, academicYear, asOf, urn, yearGroup, asKnownAt));
    }

    /** A pupil of an absence list with the year group the roll gives on the list's day ({@code YearGroups.onDate}). */
    public record AbsenceRow(AbsenceListItem item, String yearGroup) {
    }

    /**
     * The LA's list, or with a school chosen the school's own list (the school must be one the key may read, as in
     * the API), cut to one year group when one is chosen.
     */
    private AbsenceListView absenceList(String laCode, String list, String academicYear, LocalDate asOf, String urn,
                                        String yearGroup, String asKnownAt) {
        requireRead(api(laCode, "absence-lists/" + list));
        AbsenceListView view;
        if (blankToNull(urn) != null) {
            requireRead("/api/v1/schools/" + segment(urn) + "/absence-lists/" + list);
            view = attendance.schoolList(urn, list, academicYear, asOf, blankToNull(asKnownAt), null, null);
        } else {
            view = attendance.laList(laCode, list, academicYear, asOf, blankToNull(asKnownAt), null, null);
        }
        String wanted = blankToNull(yearGroup);
        if (wanted == null) {
            return view;
        }
        Map<AbsenceListItem, String> groups = yearGroups(view);
        return new AbsenceListView(view.list(), view.academicYear(), view.from(), view.asOf(), view.asKnownAt(),
                view.items().stream().filter(i -> wanted.equals(groups.get(i))).toList(), view.next());
    }

    private List<AbsenceRow> yearGroupsOf(AbsenceListView view) {
        Map<AbsenceListItem, String> groups = yearGroups(view);
        return view.items().stream().map(i -> new AbsenceRow(i, groups.get(i))).toList();
    }

    private Map<AbsenceListItem, String> yearGroups(AbsenceListView view) {
        Map<AbsenceListItem, String> groups = new LinkedHashMap<>();
        Map<String, List<AbsenceListItem>> bySchool = view.items().stream()
                .collect(Collectors.groupingBy(AbsenceListItem::urn));
        bySchool.forEach((school, items) -> {
            Map<String, List<RollDirectory.RollPeriod>> periods = roll.periods(school,
                    items.stream().map(AbsenceListItem::upn).toList());
            for (AbsenceListItem item : items) {
                String group = RollDirectory.periodCovering(periods.getOrDefault(item.upn(), List.of()), view.asOf())
                        .map(p -> p.yearGroupOn(view.asOf())).orElse(null);
                groups.put(item, group);
            }
        });
        return groups;
    }

    // ---- Overdue N, missing marks, conflicts, the notices register -------------------------------------------------

    @GetMapping("/ui/las/{laCode}/overdue-n")
    String overdue(@PathVariable String laCode,
                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                   @RequestParam(required = false) String asKnownAt, Model model) {
        requireRead(api(laCode, "overdue-n"));
        model.addAttribute("laCode", laCode);
        model.addAttribute("list", overdueN.localAuthority(laCode, asOf, blankToNull(asKnownAt), null, null));
        return "ui/overdue";
    }

    @GetMapping(path = "/ui/las/{laCode}/overdue-n.csv", produces = "text/csv")
    @ResponseBody
    ItemList overdueCsv(@PathVariable String laCode,
                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate asOf,
                        @RequestParam(required = false) String asKnownAt, HttpServletResponse response) {
        requireRead(api(laCode, "overdue-n"));
        return attachment(response, "overdue-n-" + laCode,
                overdueN.localAuthority(laCode, asOf, blankToNull(asKnownAt), null, null));
    }

    /** One row of the missing-marks table: a session of a school with a pupil who has no mark for it. */
    public record MissingMark(String urn, LocalDate date, Session session, String upn) {
    }

    /** The missing-marks answer as rows, so that its CSV has one line per pupil-session. */
    public record MissingMarkRows(List<MissingMark> items) implements ItemList {

        static MissingMarkRows of(MissingMarksController.LaMissingMarksView view) {
            List<MissingMark> rows = new ArrayList<>();
            for (MissingMarksQuery.SchoolMissingMarks school : view.schools()) {
                for (MissingMarksQuery.MissingSession session : school.sessions()) {
                    session.upns().forEach(upn -> rows.add(
                            new MissingMark(school.urn(), session.date(), session.session(), upn)));
                }
            }
            return new MissingMarkRows(rows);
        }
    }

    @GetMapping("/ui/las/{laCode}/missing-marks")
    String missing(@PathVariable String laCode,
                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                   @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                   @RequestParam(required = false) String asKnownAt, Model model) {
        requireRead(api(laCode, "missing-marks"));
        var view = missingMarks.localAuthority(laCode, from, to, blankToNull(asKnownAt));
        model.addAttribute("laCode", laCode);
        model.addAttribute("view", view);
        model.addAttribute("rows", MissingMarkRows.of(view).items());
        return "ui/missing";
    }

    @GetMapping(path = "/ui/las/{laCode}/missing-marks.csv", produces = "text/csv")
    @ResponseBody
    ItemList missingCsv(@PathVariable String laCode,
                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                        @RequestParam(required = false) String asKnownAt, HttpServletResponse response) {
        requireRead(api(laCode, "missing-marks"));
        return attachment(response, "missing-marks-" + laCode,
                MissingMarkRows.of(missingMarks.localAuthority(laCode, from, to, blankToNull(asKnownAt))));
    }

    @GetMapping("/ui/las/{laCode}/dual-registration-conflicts")
    String conflicts(@PathVariable String laCode,
                     @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                     @RequestParam(required = false) String asKnownAt, Model model) {
        requireRead(api(laCode, "dual-registration-conflicts"));
        model.addAttribute("laCode", laCode);
        model.addAttribute("list", conflicts.list(laCode, from, to, blankToNull(asKnownAt), null, null));
        return "ui/conflicts";
    }

    @GetMapping(path = "/ui/las/{laCode}/dual-registration-conflicts.csv", produces = "text/csv")
    @ResponseBody
    ItemList conflictsCsv(@PathVariable String laCode,
                          @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate from,
                          @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate to,
                          @RequestParam(required = false) String asKnownAt, HttpServletResponse response) {
        requireRead(api(laCode, "dual-registration-conflicts"));
        return attachment(response, "dual-registration-conflicts-" + laCode,
                conflicts.list(laCode, from, to, blankToNull(asKnownAt), null, null));
    }

    @GetMapping("/ui/las/{laCode}/penalty-notices")
    String noticesRegister(@PathVariable String laCode, @RequestParam(required = false) String upn,
                           @RequestParam(required = false) String parentRef,
                           @RequestParam(required = false) String asKnownAt, Model model) {
        requireRead(api(laCode, "penalty-notices"));
        model.addAttribute("laCode", laCode);
        model.addAttribute("list", notices.list(laCode, blankToNull(upn), blankToNull(parentRef),
                blankToNull(asKnownAt), null, null));
        model.addAttribute("upn", blankToNull(upn));
        model.addAttribute("parentRef", blankToNull(parentRef));
        return "ui/notices";
    }

    @GetMapping(path = "/ui/las/{laCode}/penalty-notices.csv", produces = "text/csv")
    @ResponseBody
    ItemList noticesCsv(@PathVariable String laCode, @RequestParam(required = false) String upn,
                        @RequestParam(required = false) String parentRef,
                        @RequestParam(required = false) String asKnownAt, HttpServletResponse response) {
        requireRead(api(laCode, "penalty-notices"));
        return attachment(response, "penalty-notices-" + laCode,
                notices.list(laCode, blankToNull(upn), blankToNull(parentRef), blankToNull(asKnownAt), null, null));
    }

    static ItemList attachment(HttpServletResponse response, String name, ItemList list) {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name + ".csv").build().toString());
        return list;
    }
}
