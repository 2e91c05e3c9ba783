package org.attendanceledger.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 9162 section 2.1 Merkle tree of an append-only log, computed from its stored complete subtrees: roots
 * (2.1.1), inclusion proofs (2.1.3.1) and consistency proofs (2.1.4.1) of any size up to the log's, each reading
 * O(log n) subtree hashes, never rebuilding the tree.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    /** A complete subtree's hash, as the appender stores it. */
    public record Subtree(int level, long index, byte[] hash) {
    }

    /**
     * The complete subtrees that appending {@code leafHashes} at {@code firstIndex} completes, the leaves themselves
     * included (level 0), in the order they complete. Left siblings older than the batch are read from
     * {@code stored}.
     */
    public static List<Subtree> appended(long firstIndex, List<byte[]> leafHashes, SubtreeHashes stored) {
        List<Subtree> completed = new ArrayList<>();
        Map<String, byte[]> fresh = new HashMap<>();
        for (int i = 0; i < leafHashes.size(); i++) {
            long index = firstIndex + i;
            byte[] hash = leafHashes.get(i);
            int level = 0;
            completed.add(new Subtree(0, index, hash));
            fresh.put(key(0, index), hash);
            while ((index & 1) == 1) {
                byte[] left = fresh.get(key(level, index - 1));
                if (left == null) {
                    left = stored.hash(level, index - 1);
                }
                hash = MerkleHash.node(left, hash);
                index >>= 1;
                level++;
                completed.add(new Subtree(level, index, hash));
                fresh.put(key(level, index), hash);
            }
        }
        return completed;
    }

    /**
     * The hash of a complete subtree from its leaf hashes in log order (a power of two of them): what a store that
     * keeps only the higher levels computes for a low one from a range of leaves.
     */
    public static byte[] completeSubtree(List<byte[]> leafHashes) {
        if (Integer.bitCount(leafHashes.size()) != 1) {
            throw new IllegalArgumentException("a complete subtree has a power of two of leaves, not "
                    + leafHashes.size());
        }
        List<byte[]> level = leafHashes;
        while (level.size() > 1) {
            List<byte[]> above = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                above.add(MerkleHash.node(level.get(i), level.get(i + 1)));
            }
            level = above;
        }
        return level.get(0);
    }

    private static String key(int level, long index) {
        return level + "/" + index;
    }

    /** MTH(D[0:size]); the empty tree's root is the hash of the empty string. */
    public static byte[] root(long size, SubtreeHashes stored) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is never negative");
        }
        return size == 0 ? MerkleHash.empty() : range(0, size, stored);
    }

    /** PATH(m, D[0:size]) of RFC 9162 2.1.3.1: the audit path of leaf {@code index} in the tree of {@code size}. */
    public static List<byte[]> inclusionProof(long index, long size, SubtreeHashes stored) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, stored, path);
        return path;
    }

    private static void path(long m, long start, long end, SubtreeHashes stored, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, stored, out);
            out.add(range(start + k, end, stored));
        } else {
            path(m - k, start + k, end, stored, out);
            out.add(range(start, start + k, stored));
        }
    }

    /** PROOF(first, D[0:second]) of RFC 9162 2.1.4.1; empty when {@code first} is 0 or equals {@code second}. */
    public static List<byte[]> consistencyProof(long first, long second, SubtreeHashes stored) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, stored, proof);
        }
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean startsAtOldRoot, SubtreeHashes stored,
                                 List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!startsAtOldRoot) {
                out.add(range(start, end, stored));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, startsAtOldRoot, stored, out);
            out.add(range(start + k, end, stored));
        } else {
            subproof(m - k, start + k, end, false, stored, out);
            out.add(range(start, start + k, stored));
        }
    }

    /**
     * MTH(D[start:end]) for a range of the RFC tree: a complete subtree is read as stored; the tree's right edge, the
     * only incomplete part, is hashed from the complete subtrees it splits into.
     */
    static byte[] range(long start, long end, SubtreeHashes stored) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return stored.hash(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return MerkleHash.node(range(start, start + k, stored), range(start + k, end, stored));
    }

    /** The largest power of two smaller than {@code n} (n > 1). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
