package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
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
}
