package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.attendanceledger.roll.api.PupilAdmitted;
import org.attendanceledger.roll.api.PupilDeleted;
import org.attendanceledger.school.api.SchoolRegistered;
import org.junit.jupiter.api.Test;

/** Events stored before a field was added still read, with the new field absent: the store is never rewritten. */
class StoredEventCompatibilityTest {

    @Test
    void a_school_registered_before_session_ends_existed_reads_with_no_stated_ends() throws Exception {
        String storedBeforeSessionEnds = """
                {"urn":"100001","name":"Example School","laCode":"201","amRegisterStart":"08:50:00",
                 "pmRegisterStart":"13:15:00","registerWindowMinutes":30,"closingInstantIsLate":false,
                 "by":{"name":"Ann Head","position":"Headteacher","staffId":null},
                 "recordedAt":"2024-09-01T08:00:00Z"}""";

        SchoolRegistered event = EventSerializationConfiguration.storageMapper()
                .readValue(storedBeforeSessionEnds, SchoolRegistered.class);

        assertThat(event.amRegisterStart()).isEqualTo(LocalTime.of(8, 50));
        assertThat(event.amSessionEnd()).isNull();
        assertThat(event.pmSessionEnd()).isNull();
    }

    @Test
    void an_admission_and_a_deletion_stored_before_dual_registration_existed_read_as_single_registrations()
            throws Exception {
        String admittedBefore = """
                {"enrolmentId":"100001:H801200001001","urn":"100001","upn":"H801200001001",
                 "startingDay":"2024-09-04","yearGroup":"7",
                 "by":{"name":"Olive Office","position":"Attendance officer","staffId":null},
                 "recordedAt":"2024-09-01T08:00:00Z"}""";
        String deletedBefore = """
                {"enrolmentId":"100001:H801200001001","urn":"100001","upn":"H801200001001",
                 "startingDay":"2024-09-04","lastDayOnRoll":"2024-10-04","ground":"MOVED_AWAY","reason":"moved",
                 "by":{"name":"Olive Office","position":"Attendance officer","staffId":null},
                 "recordedAt":"2024-10-05T08:00:00Z","evidenceReference":"A/D1 form 2024-17"}""";

        PupilAdmitted admitted = EventSerializationConfiguration.storageMapper()
                .readValue(admittedBefore, PupilAdmitted.class);
        PupilDeleted deleted = EventSerializationConfiguration.storageMapper()
                .readValue(deletedBefore, PupilDeleted.class);

        assertThat(admitted.startingDay()).isEqualTo(LocalDate.of(2024, 9, 4));
        assertThat(admitted.dualRegistration()).isNull();
        assertThat(deleted.evidenceReference()).isEqualTo("A/D1 form 2024-17");
        assertThat(deleted.otherSchoolConsent()).isNull();
    }
}
