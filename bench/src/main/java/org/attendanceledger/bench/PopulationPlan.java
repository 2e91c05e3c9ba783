package org.attendanceledger.bench;

/**
 * How big a synthetic population to generate. Deterministic: the same plan always yields the same schools, pupils and
 * marks.
 */
public record PopulationPlan(long seed, int schools, int pupilsPerSchool, String laCode, double secondaryShare) {

    /** About 1.06 million marks: 14 schools of 200 pupils, a full year of 380 sessions. */
    public static PopulationPlan quick(long seed) {
        return new PopulationPlan(seed, 14, 200, "201", 0.3);
    }

    /** 20,000 pupils for a full school year, about 7.6 million marks, all in one LA. */
    public static PopulationPlan full(long seed) {
        return new PopulationPlan(seed, 40, 500, "201", 0.3);
    }

    /** The LA code as a number, used to keep generated UPNs of different LAs apart. */
    public int laCodeNumber() {
        return Integer.parseInt(laCode);
    }

    public int pupils() {
        return schools * pupilsPerSchool;
    }
}
