package org.attendanceledger.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attendanceledger.attendance.SessionMark;
import org.attendanceledger.calendar.Session;
import org.junit.jupiter.api.Test;

/** The breach evidence the projection stores reads back as the marks it wrote, and nothing else reads at all. */
class EvidenceJsonTest {

    private static final List<String> CODES = List.of("G", "N", "O", "U");

    @Test
    void evidence_written_reads_back_as_the_same_marks_for_random_windows() {
        Random random = new Random(20241001L);
        for (int run = 0; run < 500; run++) {
            List<SessionMark> marks = new ArrayList<>();
            LocalDate date = LocalDate.of(2024, 8, 19).plusDays(random.nextInt(4000));
            for (int i = 0; i < 1 + random.nextInt(12); i++) {
                date = date.plusDays(random.nextInt(3));
                marks.add(new SessionMark(date, random.nextBoolean() ? Session.AM : Session.PM,
                        CODES.get(random.nextInt(CODES.size()))));
            }
            assertThat(EvidenceJson.read(EvidenceJson.write(marks))).isEqualTo(marks);
        }
    }

    @Test
    void evidence_as_postgresql_jsonb_gives_it_back_with_its_keys_reordered_and_spaced_reads_the_same() {
        String jsonb = "[{\"code\": \"N\", \"date\": \"2024-10-01\", \"session\": \"AM\"}, "
                + "{\"code\": \"G\", \"date\": \"2024-12-31\", \"session\": \"PM\"}]";

        assertThat(EvidenceJson.read(jsonb)).containsExactly(
                new SessionMark(LocalDate.of(2024, 10, 1), Session.AM, "N"),
                new SessionMark(LocalDate.of(2024, 12, 31), Session.PM, "G"));
    }

    @Test
    void no_evidence_is_stored_as_null_and_reads_as_none() {
        assertThat(EvidenceJson.write(List.of())).isNull();
        assertThat(EvidenceJson.read(null)).isEmpty();
    }

    @Test
    void anything_but_the_evidence_this_projection_writes_is_refused_never_read_as_something_else() {
        for (String bad : List.of("{}", "[1]", "[{\"date\":\"2024-10-01\",\"session\":\"AM\"}]",
                "[{\"date\":\"2024-02-30\",\"session\":\"AM\",\"code\":\"N\"}]",
                "[{\"date\":\"2024-1-01\",\"session\":\"AM\",\"code\":\"N\"}]",
                "[{\"date\":\"2024-10-0x\",\"session\":\"AM\",\"code\":\"N\"}]",
                "[{\"date\":\"2024-10-01\",\"session\":\"EVENING\",\"code\":\"N\"}]",
                "[{\"date\":\"2024-10-01\",\"session\":\"AM\",\"code\":\"N\",\"extra\":\"x\"}]",
                "[{\"date\":\"2024-10-01\",\"session\":\"AM\",\"code\":1}]",
                "[{\"date\":\"2024-10-01\",\"session\":\"AM\",\"code\":\"N\"}] []", "[", "")) {
            assertThatThrownBy(() -> EvidenceJson.read(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not the JSON this projection writes");
        }
    }
}
