package org.attendanceledger.service.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key that signs tree heads (the JDK's own Ed25519): read from {@code LEDGER_LOG_SIGNING_KEY}, a PKCS#8 PEM
 * file, or generated on first start and kept in {@code LEDGER_DATA_DIR/log-signing-key.pem}, readable by its owner
 * only. Its {@code keyId} is derived from the public key, so a rotated key gets a new id and old heads keep theirs.
 */
@Component
public class LogSigningKey {

    public static final String ALGORITHM = "Ed25519";
    static final String KEY_FILE = "log-signing-key.pem";
    private static final Logger log = LoggerFactory.getLogger(LogSigningKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public LogSigningKey(@Value("${ledger.audit.log.signing-key:}") String configuredFile,
                         @Value("${ledger.data-dir}") Path dataDir) {
        try {
            this.privateKey = configuredFile == null || configuredFile.isBlank()
                    ? keptKey(dataDir.toAbsolutePath().resolve(KEY_FILE)) : readPem(Path.of(configuredFile));
            this.publicKey = publicKeyOf(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or keep the log signing key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the log signing key is not an Ed25519 PKCS#8 private key", e);
        }
        this.keyId = keyIdOf(publicKey.getEncoded());
    }

    public String keyId() {
        return keyId;
    }

    /** The DER SubjectPublicKeyInfo. */
    public byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code signature} over {@code message} verifies with the DER public key {@code publicKeyDer}. */
    public static boolean verifies(byte[] publicKeyDer, byte[] message, byte[] signature) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKeyDer));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The first 16 bytes of the SHA-256 of the DER public key, in hex. */
    public static String keyIdOf(byte[] publicKeyDer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyDer);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey keptKey(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return readPem(file);
        }
        Files.createDirectories(file.getParent());
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            // Created with 0600 from the start: the key is never readable by others, not even for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return readPem(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        log.info("Generated a new log signing key in {}; back it up with the database", file);
        return pair.getPrivate();
    }

    static PrivateKey readPem(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("no PKCS#8 PRIVATE KEY block in " + file);
        }
        String body = text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(body)));
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one, but its key pair generator derives the
     * public key from the 32 random bytes it draws: handing it the private key's seed as its "randomness" derives
     * exactly this key's public key. The result is checked, so a JDK that drew differently would fail loudly here.
     */
    static PublicKey publicKeyOf(PrivateKey privateKey) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key does not expose its seed"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        KeyPair pair = generator.generateKeyPair();
        byte[] derivedSeed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        byte[] probe = "attendance-ledger key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        if (!Arrays.equals(seed, derivedSeed) || !verifies(pair.getPublic().getEncoded(), probe, signer.sign())) {
            throw new GeneralSecurityException("could not derive the public key of the log signing key");
        }
        return pair.getPublic();
    }
}
