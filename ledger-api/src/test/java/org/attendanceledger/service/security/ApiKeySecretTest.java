package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeySecretTest {

    @TempDir
    Path dataDir;

    @Test
    void without_configuration_a_secret_is_generated_on_first_start_and_kept_for_the_next() throws IOException {
        byte[] first = ApiKeySecret.resolve("", dataDir, false);
        byte[] second = ApiKeySecret.resolve(null, dataDir, false);

        assertThat(first).hasSizeGreaterThanOrEqualTo(43).isEqualTo(second);
        assertThat(new ApiKeyHasher(first).hash("alk_token")).isEqualTo(new ApiKeyHasher(second).hash("alk_token"));
    }

    @Test
    void the_generated_secret_is_readable_by_its_owner_only() throws IOException {
        ApiKeySecret.resolve("", dataDir, false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("api-key-secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void a_configured_secret_is_used_and_nothing_is_written_to_the_data_directory() throws IOException {
        String configured = "a configured secret of at least thirty-two characters";

        byte[] secret = ApiKeySecret.resolve(configured, dataDir, true);

        assertThat(secret).isEqualTo(configured.getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve("api-key-secret")).doesNotExist();
    }

    @Test
    void a_configured_secret_shorter_than_32_characters_stops_the_start() {
        assertThatThrownBy(() -> ApiKeySecret.resolve("too short", dataDir, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("too short");
    }

    @Test
    void a_node_on_an_external_database_refuses_to_start_without_the_shared_secret() {
        assertThatThrownBy(() -> ApiKeySecret.resolve("", dataDir, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEDGER_API_KEY_SECRET");
        assertThat(dataDir.resolve(ApiKeySecret.FILE_NAME)).doesNotExist();
    }
}
