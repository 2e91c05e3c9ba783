package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class UnexpectedFailureHandlerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedFailureHandler.class);
    private Level levelBefore;

    @BeforeEach
    void log_at_info_as_the_service_does() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void restore_the_level() {
        logger.setLevel(levelBefore);
    }

    @Test
    void an_unexpected_failure_is_logged_with_types_and_frames_but_not_the_data_in_its_messages(CapturedOutput log) {
        SQLException database = new SQLException(
                "duplicate key value violates unique constraint; Key (urn, upn)=(100001, A801200000011) exists");
        IllegalStateException failure = new IllegalStateException("could not store A801200000011", database);

        var response = new UnexpectedFailureHandler().unexpected(failure);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
        String incident = response.getBody().getDetail().replaceAll(".*incident ([0-9a-f-]+).*", "$1");
        assertThat(log.getAll())
                .contains("incident " + incident)
                .contains("java.lang.IllegalStateException", "java.sql.SQLException")
                .contains("UnexpectedFailureHandlerTest.java")
                .doesNotContain("A801200000011")
                .doesNotContain("duplicate key");
    }
}
