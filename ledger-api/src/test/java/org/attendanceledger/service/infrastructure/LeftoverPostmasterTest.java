package org.attendanceledger.service.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A leftover server is only ever recognised by its own command line: a pid in a stale file is never trusted. */
class LeftoverPostmasterTest {

    @TempDir
    Path pgData;

    @Test
    void a_postgres_command_line_for_this_data_directory_is_recognised() {
        List<String> commandLine = List.of("/tmp/embedded-pg/PG-1/bin/postgres", "-D", pgData.toString(), "-p", "5432");

        assertThat(LeftoverPostmaster.servesDirectory(commandLine, pgData))
                .contains(Path.of("/tmp/embedded-pg/PG-1/bin/postgres"));
    }

    @Test
    void a_postgres_of_another_data_directory_or_another_program_is_not() {
        List<String> otherDirectory = List.of("/usr/lib/postgresql/17/bin/postgres", "-D", "/var/lib/postgresql/17");
        List<String> otherProgram = List.of("/usr/bin/java", "-D", pgData.toString());

        assertThat(LeftoverPostmaster.servesDirectory(otherDirectory, pgData)).isEmpty();
        assertThat(LeftoverPostmaster.servesDirectory(otherProgram, pgData)).isEmpty();
    }

    @Test
    void a_stale_pid_file_naming_a_live_process_that_is_not_postgres_is_removed_and_the_process_left_alone()
            throws Exception {
        // This very JVM plays the unrelated process that inherited the pid.
        long unrelated = ProcessHandle.current().pid();
        Files.writeString(pgData.resolve("postmaster.pid"), unrelated + "\n" + pgData + "\n");

        boolean stopped = LeftoverPostmaster.stopIfRunning(pgData, Duration.ofSeconds(1));

        assertThat(stopped).isFalse();
        assertThat(pgData.resolve("postmaster.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void a_pid_file_of_a_process_that_has_ended_is_left_for_postgresql_to_replace() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(pgData.resolve("postmaster.pid"), ended.pid() + "\n" + pgData + "\n");

        assertThat(LeftoverPostmaster.stopIfRunning(pgData, Duration.ofSeconds(1))).isFalse();
        assertThat(pgData.resolve("postmaster.pid")).exists();
    }
}
