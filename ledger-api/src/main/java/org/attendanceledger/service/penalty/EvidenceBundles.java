package org.attendanceledger.service.penalty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attendanceledger.attendance.AttendanceFigures;
import org.attendanceledger.calendar.SchoolTimeline;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.leave.GrantedLeave;
import org.attendanceledger.leave.api.LeaveDecision;
import org.attendanceledger.projections.PupilKey;
import org.attendanceledger.projections.SchoolTimelines;
import org.attendanceledger.projections.query.AttendanceQuery;
import org.attendanceledger.register.api.RegisterEntryId;
import org.attendanceledger.service.audit.AuditLog;
import org.attendanceledger.service.audit.AuditLog.TreeHeadView;
import org.attendanceledger.service.leave.LeaveDirectory;
import org.attendanceledger.service.leave.LeaveDirectory.LeaveRequestView;
import org.attendanceledger.service.penalty.PenaltyNoticeDirectory.Notice;
import org.attendanceledger.service.penalty.PenaltyThresholdController.CountedSession;
import org.attendanceledger.service.penalty.PenaltyThresholdController.ThresholdView;
import org.attendanceledger.service.problem.RequestRejected;
import org.attendanceledger.service.register.EntryHistory;
import org.attendanceledger.service.register.EntryHistory.Link;
import org.attendanceledger.service.security.SchoolScopes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The evidence an LA needs to take a penalty-threshold case further (contract "Evidence bundle"): the threshold answer
 * itself, its ten school weeks, every counted session's full chain with a proof that its current version is in the
 * tamper-evident log under a signed head, the pupil's leave and notices, and what the ledger knows that bears on each
 * statutory defence (rules 7.4). Every part is read through the piece that already answers it; nothing is recomputed.
 */
@Component
public class EvidenceBundles {

    /** Sessions a Traveller child aged 6 or over must have attended in the previous 12 months (rules 7.4). */
    static final int TRAVELLER_SESSIONS_REQUIRED = 200;

    private final PenaltyThresholdController thresholds;
    private final SchoolTimelines timelines;
    private final EntryHistory history;
    private final AuditLog log;
    private final LeaveDirectory leave;
    private final PenaltyNoticeDirectory notices;
    private final SchoolScopes schools;
    private final AttendanceQuery attendance;
    private final Duration logWait;

    public EvidenceBundles(PenaltyThresholdController thresholds, SchoolTimelines timelines, EntryHistory history,
                           AuditLog log, LeaveDirectory leave, PenaltyNoticeDirectory notices, SchoolScopes schools,
                           AttendanceQuery attendance,
                           @Value("${ledger.evidence.log-wait:5s}") Duration logWait) {
        this.thresholds = thresholds;
        this.timelines = timelines;
        this.history = history;
        this.log = log;
        this.leave = leave;
        this.notices = notices;
        this.schools = schools;
        this.attendance = attendance;
        this.logWait = logWait;
    }

    public record Bundle(ThresholdView threshold, List<SchoolWeek> schoolWeeks, List<EvidencedSession> sessions,
                         TreeHeadView treeHead, List<LeaveRequestView> leaveDecisions, List<Notice> notices,
                         List<Defence> defencesChecklist, Instant asKnownAt) {
    }

    /** A school week of the window (its Monday) with every session the school met that week. */
    public record SchoolWeek(LocalDate weekStart, List<PenaltyThresholdController.SessionView> sessions) {
    }

    /** The audit path of the leaf at {@code logIndex} in the tree of {@code treeSize} (RFC 9162 2.1.3). */
    public record InclusionProof(long treeSize, List<String> auditPath) {
    }

    /**
     * A counted session: its code, its entry's full chain (oldest first), and where its current version (the last
     * link) sits in the log, with the proof of that leaf against the bundle's tree head.
     */
    public record EvidencedSession(LocalDate date, Session session, String code, List<Link> history, long logIndex,
                                   String leafHash, InclusionProof inclusionProof) {
    }

    /** A statutory defence and what the ledger records that bears on it; the LA weighs it, the ledger does not. */
    public record Defence(String defence, String description, List<Fact> facts) {
    }

    /** One thing the ledger knows, as a count of sessions (or a fixed number the rule names); null if it cannot know. */
    public record Fact(String fact, Integer sessions, String note) {
    }

    /**
     * The bundle, consistent in itself. The threshold is read from the projections and the chains from the event store,
     * one after the other; an amendment committed between the two reads would leave a chain whose current code is not
     * the one counted, so both are read again (the threshold read waits for the projections to hold that amendment).
     * The appender logs a moment after commit and signs a head every few seconds, so a bundle asked for just after an
     * amendment also waits for a head whose tree holds every counted session's current version, rather than prove an
     * older version or leave a proof out. Both waits end at {@code ledger.evidence.log-wait}.
     *
     * <p>As known at an instant ({@code knownAt}, null: now), every part is the ledger's answer then: the threshold,
     * each chain up to the versions received by then, leave and notices as received by then, the checklist's figures.
     * The proofs are against the latest signed head, which holds every earlier version too (the log only grows), so an
     * old bundle is proven by today's log; a version received after the instant is left out of its chain.
     */
    public Bundle bundle(String urn, String upn, LocalDate from, LocalDate to, Instant knownAt) {
        long deadline = System.nanoTime() + logWait.toNanos();
        long pause = 50;
        while (true) {
            ThresholdView threshold = thresholds.pupil(urn, upn, from, to,
                    knownAt == null ? null : knownAt.toString());
            PupilKey pupil = new PupilKey(threshold.urn(), threshold.upn());
            List<CountedSession> counted = threshold.met() ? threshold.sessions() : List.of();
            List<List<Link>> chains = counted.stream().map(session -> knownBy(history.of(new RegisterEntryId(
                    pupil.urn(), pupil.upn(), session.date(), session.session())), knownAt)).toList();
            if (!currentCodesAreCounted(chains, counted)) {
                if (System.nanoTime() > deadline) {
                    throw RequestRejected.single(HttpStatus.SERVICE_UNAVAILABLE,
                            ErrorCode.REGISTER_CHANGED_DURING_READ, null, "the pupil's register kept changing while "
                                    + "the bundle was read; retry shortly");
                }
                continue;
            }
            TreeHeadView head = latestHead();
            if (covers(head, chains, counted.isEmpty())) {
                return assemble(pupil, threshold, counted, chains, head, knownAt);
            }
            if (System.nanoTime() > deadline) {
                throw RequestRejected.single(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.AUDIT_LOG_CATCHING_UP, null,
                        "the tamper-evident log has not yet signed a head over every counted session's current "
                                + "version; retry shortly");
            }
            sleep(pause);
            pause = Math.min(pause * 2, 500);
        }
    }

    /** The links of a chain the ledger had received by the instant (all of them for null). */
    private static List<Link> knownBy(List<Link> chain, Instant knownAt) {
        return knownAt == null ? chain
                : chain.stream().filter(link -> !link.receivedAt().isAfter(knownAt)).toList();
    }

    private Bundle assemble(PupilKey pupil, ThresholdView threshold, List<CountedSession> counted,
                            List<List<Link>> chains, TreeHeadView head, Instant knownAt) {
        boolean met = threshold.met() && threshold.window() != null;
        // The dates the bundle speaks about: the ten weeks when the threshold was met, else the period asked about.
        LocalDate first = met ? threshold.window().firstSchoolWeek() : threshold.from();
        LocalDate last = met ? threshold.window().lastSchoolWeek().plusDays(6) : threshold.to();
        List<SchoolWeek> weeks = met ? schoolWeeks(timelines.of(pupil.urn()), first, last) : List.of();
        List<LeaveRequestView> leaveRequests = leave.overlapping(pupil.urn(), pupil.upn(), first, last, knownAt);
        List<Notice> pupilNotices = schools.laCodeOf(pupil.urn())
                .map(la -> notices.list(la, pupil.upn(), null, knownAt)).orElse(List.of());
        List<Defence> defences = defences(pupil, threshold, leaveRequests, first, last, knownAt);
        return new Bundle(threshold, weeks, evidenced(counted, chains, head), head, leaveRequests, pupilNotices,
                defences, knownAt);
    }

    private static List<SchoolWeek> schoolWeeks(SchoolTimeline timeline, LocalDate first, LocalDate last) {
        List<SchoolWeek> weeks = new ArrayList<>();
        for (LocalDate monday : timeline.schoolWeeks()) {
            if (!monday.isBefore(first) && !monday.isAfter(last)) {
                weeks.add(new SchoolWeek(monday, timeline.schoolSessions(monday, monday.plusDays(6)).stream()
                        .map(slot -> new PenaltyThresholdController.SessionView(slot.date(), slot.session()))
                        .toList()));
            }
        }
        return weeks;
    }

    /** Whether each chain's current version (its last link) carries the code the threshold counted for its session. */
    private static boolean currentCodesAreCounted(List<List<Link>> chains, List<CountedSession> counted) {
        for (int i = 0; i < counted.size(); i++) {
            List<Link> chain = chains.get(i);
            if (chain.isEmpty() || !chain.get(chain.size() - 1).code().equals(counted.get(i).code())) {
                return false;
            }
        }
        return true;
    }

    private TreeHeadView latestHead() {
        try {
            return log.treeHead(null);
        } catch (RequestRejected noHeadYet) {
            return null;
        }
    }

    /** Whether the head's tree holds the current version of every chain (with no sessions, any head or none will do). */
    private static boolean covers(TreeHeadView head, List<List<Link>> chains, boolean nothingToProve) {
        if (nothingToProve) {
            return true;
        }
        if (head == null) {
            return false;
        }
        for (List<Link> chain : chains) {
            Long index = chain.get(chain.size() - 1).logIndex();
            if (index == null || index >= head.treeSize()) {
                return false;
            }
        }
        return true;
    }

    private List<EvidencedSession> evidenced(List<CountedSession> counted, List<List<Link>> chains,
                                             TreeHeadView head) {
        List<EvidencedSession> sessions = new ArrayList<>(counted.size());
        for (int i = 0; i < counted.size(); i++) {
            CountedSession session = counted.get(i);
            List<Link> chain = chains.get(i);
            long logIndex = chain.get(chain.size() - 1).logIndex();
            AuditLog.InclusionProof proof = log.inclusion(logIndex, head.treeSize());
            sessions.add(new EvidencedSession(session.date(), session.session(), session.code(), chain, logIndex,
                    proof.leafHash(), new InclusionProof(proof.treeSize(), proof.auditPath())));
        }
        return sessions;
    }

    /**
     * What the ledger records that bears on each statutory defence (rules 7.4), counted by the attendance rule itself
     * ({@link AttendanceFigures}) over the same dates as the bundle; the LA weighs it, the ledger gives no verdict.
     */
    private List<Defence> defences(PupilKey pupil, ThresholdView threshold, List<LeaveRequestView> leaveRequests,
                                   LocalDate first, LocalDate last, Instant knownAt) {
        AttendanceFigures window = attendance.figures(pupil, first, last, knownAt);
        // The Traveller test looks back 12 months from the end of the window (the day before a year earlier + 1).
        AttendanceFigures year = attendance.figures(pupil, last.minusYears(1).plusDays(1), last, knownAt);
        List<GrantedLeave> granted = leaveRequests.stream()
                .filter(request -> request.decision() == LeaveDecision.GRANTED)
                .map(request -> new GrantedLeave(request.id(), request.upn(), request.from(), request.to(),
                        request.code(), request.withdrawnOn()))
                .toList();
        int countedUnderLeave = (int) threshold.sessions().stream()
                .map(session -> new SessionSlot(session.date(), session.session()))
                .filter(slot -> granted.stream().anyMatch(grant -> grant.covers(slot)))
                .count();
        String dates = " (" + first + " to " + last + ")";
        return List.of(
                new Defence("SICKNESS_OR_UNAVOIDABLE_CAUSE", "Sickness or an unavoidable cause", List.of(
                        code(window, "I", "Illness (I) sessions" + dates),
                        code(window, "M", "Medical or dental appointment (M) sessions" + dates))),
                new Defence("LEAVE_GRANTED", "Leave granted", List.of(
                        new Fact("Counted sessions covered by granted leave", countedUnderLeave,
                                "granted leave not withdrawn before the session"),
                        new Fact("Leave requests granted" + dates, granted.size(), null),
                        new Fact("Leave requests overlapping" + dates, leaveRequests.size(),
                                "requested, granted, refused or withdrawn"))),
                new Defence("RELIGIOUS_OBSERVANCE", "A day set apart for religious observance", List.of(
                        code(window, "R", "Religious observance (R) sessions" + dates))),
                new Defence("LA_TRANSPORT", "The LA failed to provide transport it had a duty to provide", List.of(
                        code(window, "Y1", "Transport normally provided not available (Y1) sessions" + dates),
                        new Fact("The LA's transport duty", null, "the ledger holds no transport records"))),
                new Defence("TRAVELLER_TRADE", "Travellers: the trade requires travel, attendance as regular as "
                        + "the trade allows, and for a child aged 6 or over at least 200 sessions in the previous "
                        + "12 months", List.of(
                        code(window, "T", "Traveller (T) sessions" + dates),
                        new Fact("Sessions attended (present or approved educational activity) in the 12 months to "
                                + last, year.attendedSessions(), "at this school"),
                        new Fact("Sessions the rule requires for a child aged 6 or over",
                                TRAVELLER_SESSIONS_REQUIRED, null),
                        new Fact("The child's age", null, "the ledger holds no date of birth"))),
                new Defence("ALTERNATIVE_PROVISION", "Defences specific to alternative provision", List.of(
                        code(window, "K", "Education arranged by the LA away from school (K) sessions" + dates),
                        code(window, "B", "Other approved educational activity (B) sessions" + dates),
                        code(window, "D", "Attending another school where also registered (D) sessions" + dates))));
    }

    private static Fact code(AttendanceFigures figures, String code, String fact) {
        return new Fact(fact, Objects.requireNonNullElse(figures.byCode().get(code), 0), null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the tamper-evident log", e);
        }
    }
}
