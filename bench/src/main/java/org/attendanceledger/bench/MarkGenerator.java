package org.attendanceledger.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attendanceledger.bench.Population.Pupil;
import org.attendanceledger.bench.Population.School;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionSlot;

/**
 * Draws each pupil's mark for each session from national frequencies, deterministically: the mark depends only on the
 * seed, the pupil and the session, so any batch can be regenerated on its own, in any order, on any thread.
 */
public final class MarkGenerator {

    /** One mark to post. {@code minutesLate} is set for L and U only. */
    public record Mark(String upn, LocalDate date, Session session, String code, Integer minutesLate) {
    }

    /** A class register for one session: the unit an MIS posts. */
    public record RegisterBatch(String urn, LocalDate date, Session session, List<Mark> marks) {
    }

    /**
     * What an absence is, when it happens: illness dominates; the unauthorised codes (G, N, O, U) make up about two
     * fifths, which gives about 2.5% of sessions nationally.
     */
    private static final String[] ABSENCE_CODES = {"I", "M", "C", "R", "N", "O", "G", "U"};
    private static final double[] ABSENCE_WEIGHTS = {0.55, 0.05, 0.02, 0.01, 0.10, 0.15, 0.08, 0.04};

    private final long seed;

    public MarkGenerator(long seed) {
        this.seed = seed;
    }

    public RegisterBatch batch(School school, int classIndex, SessionSlot slot) {
        List<Mark> marks = new ArrayList<>(Population.CLASS_SIZE);
        for (Pupil pupil : school.classOf(classIndex)) {
            marks.add(mark(pupil, slot));
        }
        return new RegisterBatch(school.urn(), slot.date(), slot.session(), marks);
    }

    public Mark mark(Pupil pupil, SessionSlot slot) {
        SplittableRandom random = randomFor(pupil.upn(), slot);
        double draw = random.nextDouble();
        if (draw < pupil.absenceRate()) {
            String code = pick(random.nextDouble());
            Integer minutes = "U".equals(code) ? 31 + random.nextInt(60) : null;
            return new Mark(pupil.upn(), slot.date(), slot.session(), code, minutes);
        }
        double presence = random.nextDouble();
        if (presence < 0.015) {
            return new Mark(pupil.upn(), slot.date(), slot.session(), "L", 1 + random.nextInt(29));
        }
        if (presence < 0.020) {
            return new Mark(pupil.upn(), slot.date(), slot.session(), presence < 0.0175 ? "V" : "P", null);
        }
        return new Mark(pupil.upn(), slot.date(), slot.session(), slot.session() == Session.AM ? "/" : "\\", null);
    }

    /** Whether a pupil's N mark is later resolved by an amendment, and to what. Null: it is left as it stands. */
    public String resolutionOfN(Pupil pupil, SessionSlot slot) {
        SplittableRandom random = randomFor(pupil.upn() + "/amend", slot);
        double draw = random.nextDouble();
        if (draw < 0.45) {
            return "O";
        }
        if (draw < 0.60) {
            return "I";
        }
        return null;
    }

    private SplittableRandom randomFor(String key, SessionSlot slot) {
        long hash = seed;
        hash = hash * 31 + key.hashCode();
        hash = hash * 31 + slot.date().toEpochDay();
        hash = hash * 31 + slot.session().ordinal();
        return new SplittableRandom(mix(hash));
    }

    /** Spreads nearby keys over the whole range, so adjacent sessions do not get correlated draws. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String pick(double draw) {
        double cumulative = 0;
        for (int i = 0; i < ABSENCE_CODES.length; i++) {
            cumulative += ABSENCE_WEIGHTS[i];
            if (draw < cumulative) {
                return ABSENCE_CODES[i];
            }
        }
        return ABSENCE_CODES[ABSENCE_CODES.length - 1];
    }
}
