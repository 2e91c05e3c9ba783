package org.attendanceledger.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSigningKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void a_key_generated_on_first_start_is_kept_readable_by_its_owner_only_and_reused_on_the_next() throws Exception {
        LogSigningKey first = new LogSigningKey("", dataDir);
        Path file = dataDir.resolve(LogSigningKey.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        LogSigningKey second = new LogSigningKey("", dataDir);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicKeyDer()).isEqualTo(first.publicKeyDer());
    }

    @Test
    void a_configured_pkcs8_pem_key_signs_and_its_key_id_derives_from_its_own_public_key() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = dataDir.resolve("configured.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        LogSigningKey key = new LogSigningKey(pem.toString(), dataDir.resolve("unused"));
        byte[] message = "{\"rootHash\":\"AA==\",\"timestamp\":\"t\",\"treeSize\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);

        assertThat(key.publicKeyDer()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(key.keyId()).isEqualTo(LogSigningKey.keyIdOf(pair.getPublic().getEncoded())).hasSize(32);
        assertThat(LogSigningKey.verifies(pair.getPublic().getEncoded(), message, signature)).isTrue();
        message[0] = '[';
        assertThat(LogSigningKey.verifies(pair.getPublic().getEncoded(), message, signature)).isFalse();
        assertThat(Files.exists(dataDir.resolve("unused").resolve(LogSigningKey.KEY_FILE))).isFalse();
    }

    @Test
    void a_configured_file_without_a_pkcs8_key_stops_the_start() throws Exception {
        Path pem = dataDir.resolve("not-a-key.pem");
        Files.writeString(pem, "hello");

        assertThatThrownBy(() -> new LogSigningKey(pem.toString(), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PKCS#8");
    }
}
