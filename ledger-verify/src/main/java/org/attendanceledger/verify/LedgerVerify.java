package org.attendanceledger.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.erdtman.jcs.JsonCanonicalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Checks the ledger's tamper-evident log without trusting the server: the latest tree head's Ed25519 signature, its
 * consistency with a head the auditor trusted earlier, and every leaf (or a random sample) recomputed from the events
 * the server serves, hashed and placed in the tree with this program's own RFC 9162 code. Prints
 * {@code OK treeSize=... root=...} and exits 0, or names the first bad logIndex (or the failed check) and exits 1; 2 is
 * a usage error, 3 a server it could not read from.
 */
@Command(name = "ledger-verify", mixinStandardHelpOptions = true, version = "ledger-verify 0.1.0",
        description = "Verifies an attendance ledger's tamper-evident log (RFC 9162) without trusting the server.")
public final class LedgerVerify implements Callable<Integer> {

    /** The exit code of a log that does not verify. */
    public static final int FAILED = 1;
    /** The exit code when the server could not be asked (unreachable, or it refused a request): nothing was proven. */
    public static final int UNREACHABLE = 3;

    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    @Option(names = "--url", required = true, description = "The ledger's base URL, e.g. https://ledger.example")
    String url;

    @Option(names = "--token", defaultValue = "${env:LEDGER_TOKEN}",
            description = "An auditor's (or admin's) API token; default: $LEDGER_TOKEN")
    String token;

    @Option(names = "--trusted-head", description = "A tree head JSON file verified earlier (as --save-head wrote it)")
    Path trustedHeadFile;

    @Option(names = "--trusted-size", description = "The size of a tree head trusted earlier (with --trusted-root)")
    Long trustedSize;

    @Option(names = "--trusted-root", description = "The base64 root hash of that head (with --trusted-size)")
    String trustedRoot;

    @Option(names = "--sample", description = "Check N randomly chosen leaves by inclusion proof instead of all")
    Integer sample;

    @Option(names = "--save-head", description = "Write the head verified now to this file, to trust next time")
    Path saveHead;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LedgerVerify()).execute(args));
    }

    /** A verification that failed: what failed, and the first bad logIndex if it is one leaf. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --token or set LEDGER_TOKEN");
        }
        LogClient server = new LogClient(url, token);
        try {
            JsonNode head = server.get("/api/v1/audit/log/tree-head");
            long size = head.path("treeSize").asLong();
            byte[] root = BASE64.decode(head.path("rootHash").asText());
            checkSignature(server, head);
            checkConsistencyWithTrusted(server, size, root);
            if (sample == null) {
                checkEveryLeaf(server, size, root);
            } else {
                checkSample(server, size, root, sample);
            }
            if (saveHead != null) {
                Files.writeString(saveHead, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(head));
            }
            out.println("OK treeSize=" + size + " root=" + head.path("rootHash").asText());
            out.flush();
            return 0;
        } catch (Failure failure) {
            out.println("FAIL " + failure.getMessage());
            out.flush();
            return FAILED;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("ERROR could not read the log: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return UNREACHABLE;
        }
    }

    /** The head's signature, with the key the head names (fetched by keyId, so a rotated key still verifies). */
    private void checkSignature(LogClient server, JsonNode head) throws Exception {
        JsonNode key = server.get("/api/v1/audit/log/public-key?keyId=" + head.path("keyId").asText());
        byte[] der = BASE64.decode(key.path("publicKey").asText());
        String keyId = hexPrefix(MessageDigest.getInstance("SHA-256").digest(der), 16);
        if (!keyId.equals(head.path("keyId").asText())) {
            throw new Failure("the public key served does not match the head's keyId " + head.path("keyId").asText());
        }
        ObjectNode signed = JSON.createObjectNode();
        signed.put("rootHash", head.path("rootHash").asText());
        signed.put("timestamp", head.path("timestamp").asText());
        signed.put("treeSize", head.path("treeSize").asLong());
        byte[] message = new JsonCanonicalizer(JSON.writeValueAsString(signed)).getEncodedUTF8();
        if (!verifiesEd25519(der, message, BASE64.decode(head.path("signature").asText()))) {
            throw new Failure("the tree head's signature does not verify (treeSize=" + head.path("treeSize").asLong()
                    + ")");
        }
    }

    private static boolean verifiesEd25519(byte[] der, byte[] message, byte[] signature) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void checkConsistencyWithTrusted(LogClient server, long size, byte[] root) throws Exception {
        Long firstSize = trustedSize;
        String firstRoot = trustedRoot;
        if (trustedHeadFile != null) {
            JsonNode trusted = JSON.readTree(Files.readString(trustedHeadFile));
            firstSize = trusted.path("treeSize").asLong();
            firstRoot = trusted.path("rootHash").asText();
        }
        if (firstSize == null) {
            return;
        }
        if (firstRoot == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trusted-size needs --trusted-root");
        }
        if (firstSize > size) {
            throw new Failure("the log has shrunk: the trusted head has treeSize=" + firstSize + ", the latest "
                    + size);
        }
        JsonNode proof = server.get("/api/v1/audit/log/proofs/consistency?first=" + firstSize + "&second=" + size);
        if (!Rfc9162.verifyConsistency(firstSize, size, BASE64.decode(firstRoot), root,
                hashes(proof.path("consistencyPath")))) {
            throw new Failure("the latest head (treeSize=" + size + ") is not consistent with the trusted head "
                    + "(treeSize=" + firstSize + "): the log was rewritten");
        }
    }

    /**
     * Every leaf from 0 to the head's size: its bytes must be the canonical JSON of the event served with it, with its
     * own logIndex; their hashes, in order, must give the signed root. A scoped auditor, who does not see every leaf,
     * checks each seen leaf by inclusion proof instead.
     */
    private void checkEveryLeaf(LogClient server, long size, byte[] root) throws Exception {
        Rfc9162.Root recomputed = new Rfc9162.Root();
        boolean complete = true;
        long next = 0;
        while (next < size) {
            JsonNode page = server.get("/api/v1/audit/log/entries?limit=" + PAGE + "&start=" + next);
            JsonNode entries = page.path("entries");
            if (entries.isEmpty()) {
                break;
            }
            for (JsonNode entry : entries) {
                long logIndex = entry.path("logIndex").asLong();
                if (logIndex >= size) {
                    next = size;
                    break;
                }
                complete &= logIndex == recomputed.size();
                byte[] leafHash = checkLeaf(entry);
                if (complete) {
                    recomputed.add(leafHash);
                } else {
                    checkInclusion(server, logIndex, size, leafHash, root);
                }
                next = logIndex + 1;
            }
        }
        if (complete && recomputed.size() != size) {
            throw new Failure("logIndex=" + recomputed.size() + " reason=MISSING (the server served "
                    + recomputed.size() + " of " + size + " entries)");
        }
        if (complete && !MessageDigest.isEqual(recomputed.hash(), root)) {
            // Every leaf matches its event, yet the tree differs from the signed one: find the leaf the head disowns.
            for (long logIndex = 0; logIndex < size; logIndex++) {
                JsonNode entry = server.get("/api/v1/audit/log/entries?limit=1&start=" + logIndex).path("entries")
                        .get(0);
                checkInclusion(server, logIndex, size, checkLeaf(entry), root);
            }
            throw new Failure("the recomputed root differs from the signed root");
        }
    }

    private void checkSample(LogClient server, long size, byte[] root, int count) throws Exception {
        Random random = new Random();
        for (int i = 0; i < count && size > 0; i++) {
            long wanted = (long) (random.nextDouble() * size);
            JsonNode entries = server.get("/api/v1/audit/log/entries?limit=1&start=" + wanted).path("entries");
            if (entries.isEmpty() || entries.get(0).path("logIndex").asLong() >= size) {
                continue;
            }
            JsonNode entry = entries.get(0);
            checkInclusion(server, entry.path("logIndex").asLong(), size, checkLeaf(entry), root);
        }
    }

    /** The leaf's own hash, after checking the leaf is the canonical form of the event served with it. */
    private static byte[] checkLeaf(JsonNode entry) throws Exception {
        long logIndex = entry.path("logIndex").asLong();
        if (entry.path("leaf").isNull() || entry.path("event").isNull() || entry.path("leaf").isMissingNode()) {
            throw new Failure("logIndex=" + logIndex + " reason=MISSING (the event is gone from the store)");
        }
        byte[] leaf = BASE64.decode(entry.path("leaf").asText());
        byte[] canonicalEvent = new JsonCanonicalizer(JSON.writeValueAsString(entry.path("event"))).getEncodedUTF8();
        if (!MessageDigest.isEqual(leaf, canonicalEvent) || entry.path("event").path("logIndex").asLong() != logIndex) {
            throw new Failure("logIndex=" + logIndex + " reason=LEAF_NOT_EVENT (the leaf is not the event served)");
        }
        byte[] leafHash = Rfc9162.leafHash(leaf);
        if (!MessageDigest.isEqual(leafHash, BASE64.decode(entry.path("leafHash").asText()))) {
            throw new Failure("logIndex=" + logIndex + " reason=CHANGED (the event no longer hashes to the logged "
                    + "leaf)");
        }
        return leafHash;
    }

    private static void checkInclusion(LogClient server, long logIndex, long size, byte[] leafHash, byte[] root)
            throws Exception {
        JsonNode proof = server.get("/api/v1/audit/log/proofs/inclusion?logIndex=" + logIndex + "&treeSize=" + size);
        if (!Rfc9162.verifyInclusion(logIndex, size, leafHash, hashes(proof.path("auditPath")), root)) {
            throw new Failure("logIndex=" + logIndex + " reason=NOT_IN_SIGNED_TREE (its inclusion proof fails)");
        }
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(node -> list.add(BASE64.decode(node.asText())));
        return list;
    }

    private static String hexPrefix(byte[] bytes, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(String.format("%02x", bytes[i]));
        }
        return hex.toString();
    }
}
