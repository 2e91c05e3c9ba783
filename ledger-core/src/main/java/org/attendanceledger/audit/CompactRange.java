package org.attendanceledger.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The root of a growing log computed from its leaf hashes in one pass and O(log n) memory: the hashes of the complete
 * subtrees the leaves so far split into (one per set bit of the size), merged as they complete. Lets a verifier check
 * every signed head against leaves it recomputed itself, without trusting any stored interior hash.
 */
public final class CompactRange {

    private record Peak(long size, byte[] hash) {
    }

    private final Deque<Peak> peaks = new ArrayDeque<>();
    private long size;

    public void append(byte[] leafHash) {
        Peak peak = new Peak(1, leafHash);
        while (!peaks.isEmpty() && peaks.peekLast().size() == peak.size()) {
            Peak left = peaks.removeLast();
            peak = new Peak(left.size() * 2, MerkleHash.node(left.hash(), peak.hash()));
        }
        peaks.addLast(peak);
        size++;
    }

    public long size() {
        return size;
    }

    /** MTH of the leaves appended so far: the peaks folded from the right, as RFC 9162's tree shape has it. */
    public byte[] root() {
        if (peaks.isEmpty()) {
            return MerkleHash.empty();
        }
        Iterator<Peak> fromRight = peaks.descendingIterator();
        byte[] root = fromRight.next().hash();
        while (fromRight.hasNext()) {
            root = MerkleHash.node(fromRight.next().hash(), root);
        }
        return root;
    }
}
