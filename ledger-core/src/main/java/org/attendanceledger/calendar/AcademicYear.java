package org.attendanceledger.calendar;

import java.time.LocalDate;
import java.time.Month;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An English academic year, 1 September to 31 August, written {@code 2024-25}.
 */
public record AcademicYear(int startYear) implements Comparable<AcademicYear> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})");

    public AcademicYear {
        if (startYear < 1900 || startYear > 2999) {
            throw new IllegalArgumentException("academic year out of range: " + startYear);
        }
    }

    /** Parses {@code 2024-25}; the second part must be the year after the first. */
    public static AcademicYear parse(String text) {
        Matcher m = FORMAT.matcher(Objects.requireNonNull(text, "academic year"));
        if (!m.matches()) {
            throw new IllegalArgumentException("academic year must look like 2024-25: " + text);
        }
        int start = Integer.parseInt(m.group(1));
        int endTwoDigits = Integer.parseInt(m.group(2));
        if ((start + 1) % 100 != endTwoDigits) {
            throw new IllegalArgumentException("academic year must span two consecutive years: " + text);
        }
        return new AcademicYear(start);
    }

    public static AcademicYear containing(LocalDate date) {
        return new AcademicYear(date.getMonthValue() >= Month.SEPTEMBER.getValue() ? date.getYear() : date.getYear() - 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, Month.SEPTEMBER, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, Month.AUGUST, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    public AcademicYear next() {
        return new AcademicYear(startYear + 1);
    }

    public AcademicYear previous() {
        return new AcademicYear(startYear - 1);
    }

    @Override
    public int compareTo(AcademicYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    @Override
    public String toString() {
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }
}
