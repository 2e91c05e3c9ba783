package org.attendanceledger.service.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side secret that keys the hash of every API key token. Kept outside the database, so that a copy of the
 * database alone cannot even test a guessed token. Taken from {@code ledger.api-key-secret}
 * ({@code LEDGER_API_KEY_SECRET}) when set; otherwise generated on first start and kept in the data directory, readable
 * by its owner only. Losing it invalidates every issued key (the bootstrap admin token still works).
 */
final class ApiKeySecret {

    static final String FILE_NAME = "api-key-secret";
    static final int MIN_CONFIGURED_LENGTH = 32;
    private static final int GENERATED_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeySecret.class);

    private ApiKeySecret() {
    }

    /**
     * @param sharedDatabase whether the service runs on a database other nodes may share (an external one): a secret
     *                       generated into one node's data directory would make every other node refuse its keys, so
     *                       there it must be configured
     */
    static byte[] resolve(String configured, Path dataDir, boolean sharedDatabase) throws IOException {
        boolean isConfigured = configured != null && !configured.isBlank();
        if (sharedDatabase && !isConfigured) {
            throw new IllegalStateException("LEDGER_API_KEY_SECRET (ledger.api-key-secret) is required with an external "
                    + "database: every node sharing it must hash API keys with the same secret");
        }
        if (isConfigured) {
            if (configured.length() < MIN_CONFIGURED_LENGTH) {
                throw new IllegalStateException("ledger.api-key-secret must be at least " + MIN_CONFIGURED_LENGTH
                        + " characters of random text");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        if (!Files.exists(file)) {
            generate(file);
        }
        String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (stored.length() < MIN_CONFIGURED_LENGTH) {
            throw new IllegalStateException("the API key secret in " + file + " is damaged: too short");
        }
        return stored.getBytes(StandardCharsets.UTF_8);
    }

    /** Written whole to a temporary file and then moved into place, so a crash never leaves half a secret. */
    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(secret);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path draft = Files.createTempFile(file.getParent(), FILE_NAME, ".new", ownerOnly(file));
        Files.writeString(draft, text + "\n", StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
        Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Generated the API key secret in {}; back it up with the database", file);
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }
}
