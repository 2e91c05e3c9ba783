package org.attendanceledger.roll;

import java.util.Optional;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.RuleViolation;

/**
 * A Unique Pupil Number: 13 characters, a check letter, 11 digits, then a digit (permanent UPN) or a
 * letter (temporary UPN).
 *
 * <p>The check letter weights characters 2 to 13 by 2 to 13 (a final letter takes its index in
 * {@code ABCDEFGHJKLMNPQRTUVWXYZ}), sums them, and maps the remainder mod 23 onto that alphabet. Input is never
 * normalised: a lower-case UPN is invalid, so what is stored is exactly what the MIS sent.
 *
 * <p>Error messages describe the problem without echoing the value, because a UPN is personal data and
 * messages end up in logs.
 */
public record Upn(String value) {

    public static final int LENGTH = 13;
    /** I, O and S are left out so they cannot be confused with 1, 0 and 5. */
    private static final String CHECK_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ";
    private static final int BODY_LENGTH = LENGTH - 1;

    public Upn {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid UPN: " + problem);
        }
    }

    public static Upn of(String value) {
        return new Upn(value);
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate) == null;
    }

    /** Why the text is not a UPN, as the API answers it ({@code INVALID_UPN} on the field {@code upn}), if it is not. */
    public static Optional<RuleViolation> violation(String candidate) {
        return isValid(candidate) ? Optional.empty() : Optional.of(new RuleViolation(ErrorCode.INVALID_UPN, "upn",
                "not a valid UPN: 13 characters with a correct check letter"));
    }

    /** Throws the {@link #violation} of a text that is not a UPN. */
    public static void requireValid(String candidate) {
        Optional<RuleViolation> violation = violation(candidate);
        if (violation.isPresent()) {
            throw violation.get();
        }
    }

    /**
     * The check letter for characters 2 to 13 of a UPN.
     *
     * @throws IllegalArgumentException if they are not 11 digits followed by a digit or an allowed letter
     */
    public static char checkLetterFor(String last12) {
        String problem = problemWithBody(last12);
        if (problem != null) {
            throw new IllegalArgumentException("cannot compute a UPN check letter: " + problem);
        }
        int sum = 0;
        for (int i = 0; i < BODY_LENGTH; i++) {
            int weight = i + 2;
            sum += weight * characterValue(last12.charAt(i));
        }
        return CHECK_ALPHABET.charAt(sum % CHECK_ALPHABET.length());
    }

    /** A valid UPN made of the right check letter followed by the 12 given characters. */
    public static Upn withCheckLetter(String last12) {
        return new Upn(checkLetterFor(last12) + last12);
    }

    public boolean isTemporary() {
        return !isDigit(value.charAt(LENGTH - 1));
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problemWith(String candidate) {
        if (candidate == null) {
            return "no value";
        }
        if (candidate.length() != LENGTH) {
            return "must have " + LENGTH + " characters, not " + candidate.length();
        }
        String bodyProblem = problemWithBody(candidate.substring(1));
        if (bodyProblem != null) {
            return bodyProblem;
        }
        char checkLetter = candidate.charAt(0);
        if (CHECK_ALPHABET.indexOf(checkLetter) < 0) {
            return "character 1 must be a check letter from " + CHECK_ALPHABET;
        }
        char expected = checkLetterFor(candidate.substring(1));
        if (checkLetter != expected) {
            return "check letter does not match characters 2-13";
        }
        return null;
    }

    /** Checks characters 2 to 13; positions in messages are those of the full UPN. */
    private static String problemWithBody(String body) {
        if (body == null || body.length() != BODY_LENGTH) {
            return "characters 2-13 must be 12 characters";
        }
        for (int i = 0; i < BODY_LENGTH - 1; i++) {
            if (!isDigit(body.charAt(i))) {
                return "characters 2-12 must be digits";
            }
        }
        char last = body.charAt(BODY_LENGTH - 1);
        if (!isDigit(last) && CHECK_ALPHABET.indexOf(last) < 0) {
            return "character 13 must be a digit or an upper-case letter from " + CHECK_ALPHABET;
        }
        return null;
    }

    private static int characterValue(char c) {
        return isDigit(c) ? c - '0' : CHECK_ALPHABET.indexOf(c);
    }

    // Character.isDigit would also accept non-ASCII digits.
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
