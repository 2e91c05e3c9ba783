package org.attendanceledger.audit;

/**
 * The stored hashes of the log's complete subtrees: the subtree at {@code level} and {@code index} covers the leaves
 * {@code [index * 2^level, (index + 1) * 2^level)}; level 0 holds the leaf hashes. Every root and proof of the log is
 * built from O(log n) of them.
 */
@FunctionalInterface
public interface SubtreeHashes {

    byte[] hash(int level, long index);
}
