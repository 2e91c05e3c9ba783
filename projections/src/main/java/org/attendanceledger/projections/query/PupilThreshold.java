package org.attendanceledger.projections.query;

import org.attendanceledger.penalty.ThresholdAssessment;
import org.attendanceledger.projections.PupilKey;

/** The penalty-notice threshold assessed for one pupil at one school. */
public record PupilThreshold(PupilKey pupil, ThresholdAssessment assessment) {
}
