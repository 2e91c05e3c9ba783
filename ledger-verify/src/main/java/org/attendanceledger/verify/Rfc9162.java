package org.attendanceledger.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's own RFC 9162 section 2.1 code, written from the RFC and sharing nothing with the server: the leaf and
 * node hashes (2.1.1), a root computed from leaf hashes (the RFC's MTH over D[n]), and the verification algorithms for
 * inclusion (2.1.3.2) and consistency (2.1.4.2) proofs.
 */
final class Rfc9162 {

    private Rfc9162() {
    }

    static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(leaf);
        return sha.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /**
     * MTH(D[n]) of a stream of leaf hashes in O(log n) memory. The RFC's tree splits n at the largest power of two
     * below it, so its left part is always a perfect subtree: keep the perfect subtrees completed so far (one per set
     * bit of n, largest first) and fold them from the right at the end.
     */
    static final class Root {

        private final List<byte[]> perfect = new ArrayList<>();
        private final List<Long> sizes = new ArrayList<>();
        private long count;

        void add(byte[] leafHash) {
            byte[] hash = leafHash;
            long size = 1;
            while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == size) {
                hash = nodeHash(perfect.remove(perfect.size() - 1), hash);
                size += sizes.remove(sizes.size() - 1);
            }
            perfect.add(hash);
            sizes.add(size);
            count++;
        }

        long size() {
            return count;
        }

        byte[] hash() {
            if (perfect.isEmpty()) {
                return sha256().digest();
            }
            byte[] root = perfect.get(perfect.size() - 1);
            for (int i = perfect.size() - 2; i >= 0; i--) {
                root = nodeHash(perfect.get(i), root);
            }
            return root;
        }
    }

    static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (leafIndex >= treeSize || leafIndex < 0) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if (lsb(fn) || fn == sn) {
                r = nodeHash(p, r);
                if (!lsb(fn)) {
                    do {
                        fn >>= 1;
                        sn >>= 1;
                    } while (!lsb(fn) && fn != 0);
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash,
                                     List<byte[]> consistencyPath) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return consistencyPath.isEmpty() && MessageDigest.isEqual(firstHash, secondHash);
        }
        if (first == 0) {
            // Every tree extends the empty one.
            return consistencyPath.isEmpty();
        }
        if (consistencyPath.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(consistencyPath);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        long fn = first - 1;
        long sn = second - 1;
        while (lsb(fn)) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if (lsb(fn) || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if (!lsb(fn)) {
                    do {
                        fn >>= 1;
                        sn >>= 1;
                    } while (!lsb(fn) && fn != 0);
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash);
    }

    private static boolean lsb(long value) {
        return (value & 1) == 1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
