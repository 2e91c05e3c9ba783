package org.attendanceledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attendanceledger.roll.Upn;

/**
 * Schools and pupils with valid UPNs, each pupil with an absence propensity drawn so that most pupils rarely miss a
 * session while a tail is persistently or severely absent, as in the national statistics.
 */
public final class Population {

    public static final int CLASS_SIZE = 30;

    public enum Phase {
        PRIMARY,
        SECONDARY
    }

    public record School(String urn, String laCode, Phase phase, List<Pupil> pupils) {

        public int classes() {
            return (pupils.size() + CLASS_SIZE - 1) / CLASS_SIZE;
        }

        public List<Pupil> classOf(int classIndex) {
            return pupils.subList(classIndex * CLASS_SIZE, Math.min(pupils.size(), (classIndex + 1) * CLASS_SIZE));
        }
    }

    /** {@code absenceRate} is the chance that any one session is an absence for this pupil. */
    public record Pupil(String upn, String yearGroup, double absenceRate) {
    }

    private final PopulationPlan plan;
    private final List<School> schools;

    private Population(PopulationPlan plan, List<School> schools) {
        this.plan = plan;
        this.schools = schools;
    }

    public static Population generate(PopulationPlan plan) {
        SplittableRandom random = new SplittableRandom(plan.seed());
        List<School> schools = new ArrayList<>();
        int pupilNumber = 0;
        for (int s = 0; s < plan.schools(); s++) {
            String urn = String.valueOf(100000 + s * 7 + 1);
            Phase phase = s < Math.round(plan.schools() * plan.secondaryShare()) ? Phase.SECONDARY : Phase.PRIMARY;
            List<Pupil> pupils = new ArrayList<>();
            for (int p = 0; p < plan.pupilsPerSchool(); p++) {
                pupilNumber++;
                String upn = Upn.withCheckLetter(String.format("9%03d%07d1", plan.laCodeNumber(), pupilNumber)).value();
                int year = phase == Phase.PRIMARY ? 1 + p * 6 / plan.pupilsPerSchool()
                        : 7 + p * 5 / plan.pupilsPerSchool();
                pupils.add(new Pupil(upn, String.valueOf(year), absenceRate(phase, random)));
            }
            schools.add(new School(urn, plan.laCode(), phase, List.copyOf(pupils)));
        }
        return new Population(plan, List.copyOf(schools));
    }

    /**
     * Most pupils miss a few sessions; about one in six is persistently absent and about one in a hundred severely,
     * which puts overall absence near 6% in primary and 9% in secondary.
     */
    static double absenceRate(Phase phase, SplittableRandom random) {
        double base = phase == Phase.PRIMARY ? 0.042 : 0.065;
        double profile = random.nextDouble();
        if (profile < 0.80) {
            return base * (0.1 + random.nextDouble());
        }
        if (profile < 0.95) {
            return 0.10 + random.nextDouble() * 0.12;
        }
        if (profile < 0.99) {
            return 0.22 + random.nextDouble() * 0.25;
        }
        return 0.5 + random.nextDouble() * 0.3;
    }

    public PopulationPlan plan() {
        return plan;
    }

    public List<School> schools() {
        return schools;
    }

    public int pupils() {
        return schools.stream().mapToInt(s -> s.pupils().size()).sum();
    }
}
