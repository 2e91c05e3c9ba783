package org.attendanceledger.attendance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;

/**
 * Deletion ground (i) of rules 8.3, as far as the register can show it: the pupil was continuously absent for at least
 * 20 school days, every session of them coded G, N or O. The school days are the pupil's own (days with at least one
 * session the pupil is expected at, so a closure of the pupil's year group for a whole day is not one) and end on the
 * last day on roll. Enquiries with the LA and the absence of any reason to think the pupil ill lie outside the
 * register; the school vouches for them with its reason and evidence reference.
 */
public final class ContinuousAbsenceGround {

    public static final int SCHOOL_DAYS = 20;
    /** The only codes the run may consist of (rules 8.3; section 4: an N standing counts). */
    public static final Set<String> CODES = Set.of("G", "N", "O");

    private ContinuousAbsenceGround() {
    }

    /** What the register says about the ground. */
    public sealed interface Assessment {
    }

    /** Every session of the 20 school days from {@code firstDay} to the last day on roll is G, N or O. */
    public record Met(LocalDate firstDay) implements Assessment {
    }

    /** The first session of the 20 school days that is not G, N or O; {@code code} is null when it has no mark. */
    public record BrokenAt(SessionSlot session, String code) implements Assessment {
    }

    /** The stay has fewer than 20 school days up to the last day on roll. */
    public record TooFewSchoolDays(int schoolDays) implements Assessment {
    }

    /** The last (at most) 20 of the pupil's school days up to the last day on roll, and their sessions, in order. */
    public record Window(List<LocalDate> schoolDays, List<SessionSlot> sessions) {
    }

    /**
     * The window the ground looks at for a stay ending on {@code lastDayOnRoll}. {@code schedule} holds that stay
     * (ending on that day) and no other, because a run of absence cannot span a time off roll.
     */
    public static Window window(PupilSchedule schedule, LocalDate lastDayOnRoll) {
        Objects.requireNonNull(lastDayOnRoll, "lastDayOnRoll");
        List<LocalDate> schoolDays = schedule.timeline().schoolDays();
        int searched = Collections.binarySearch(schoolDays, lastDayOnRoll);
        int index = searched >= 0 ? searched : -searched - 2;
        LocalDate stayBegan = schedule.stays().stream().map(RollStay::startingDay).min(LocalDate::compareTo)
                .orElse(lastDayOnRoll.plusDays(1));
        List<LocalDate> run = new ArrayList<>(SCHOOL_DAYS);
        for (; index >= 0 && run.size() < SCHOOL_DAYS && !schoolDays.get(index).isBefore(stayBegan); index--) {
            LocalDate day = schoolDays.get(index);
            if (!scheduledSessions(schedule, day).isEmpty()) {
                run.add(day);
            }
        }
        Collections.reverse(run);
        List<SessionSlot> sessions = new ArrayList<>(2 * run.size());
        run.forEach(day -> sessions.addAll(scheduledSessions(schedule, day)));
        return new Window(List.copyOf(run), List.copyOf(sessions));
    }

    /**
     * Assesses the ground on the window, given the current code of each of its sessions that has a register entry.
     * The first session (in time) that is not G, N or O breaks it; otherwise fewer than 20 school days do.
     */
    public static Assessment assess(Window window, Map<SessionSlot, String> currentCodes) {
        for (SessionSlot session : window.sessions()) {
            String code = currentCodes.get(session);
            if (code == null || !CODES.contains(code)) {
                return new BrokenAt(session, code);
            }
        }
        List<LocalDate> days = window.schoolDays();
        return days.size() < SCHOOL_DAYS ? new TooFewSchoolDays(days.size()) : new Met(days.get(0));
    }

    /** {@link #window} and {@link #assess(Window, Map)} in one. */
    public static Assessment assess(PupilSchedule schedule, LocalDate lastDayOnRoll,
                                    Map<SessionSlot, String> currentCodes) {
        return assess(window(schedule, lastDayOnRoll), currentCodes);
    }

    private static List<SessionSlot> scheduledSessions(PupilSchedule schedule, LocalDate day) {
        List<SessionSlot> sessions = new ArrayList<>(2);
        for (Session session : Session.values()) {
            if (schedule.isScheduled(day, session)) {
                sessions.add(new SessionSlot(day, session));
            }
        }
        return sessions;
    }
}
