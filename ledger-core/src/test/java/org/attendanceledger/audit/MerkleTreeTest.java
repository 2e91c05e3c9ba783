package org.attendanceledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors for RFC 9162 section 2.1. The leaf inputs, roots and proofs below are copied as data from
 * transparency-dev/merkle (testonly/constants.go: LeafInputs, RootHashes; testdata/inclusion/N/happy-path.json and
 * testdata/consistency/N/happy-path.json), which publishes them for RFC 6962/9162 implementations.
 */
class MerkleTreeTest {

    private static final List<String> LEAF_INPUTS_HEX = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    private static final List<String> ROOTS_HEX = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private record Inclusion(long index, long size, String leafHash, List<String> path, String root) {
    }

    private static final List<Inclusion> INCLUSIONS = List.of(
            new Inclusion(0, 1, "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=", List.of(),
                    "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0="),
            new Inclusion(0, 8, "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=", List.of(
                    "lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                    "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ="), "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="),
            new Inclusion(5, 8, "QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=", List.of(
                    "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=", "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                    "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="), "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="),
            new Inclusion(2, 3, "ApjRIpBtz8EIkstTpzmS/FufST6kybrbJ7eRtBJ6f+c=", List.of(
                    "+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU="), "rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc="),
            new Inclusion(1, 5, "lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", List.of(
                    "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                    "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="), "Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ="));

    private record Consistency(long first, long second, String firstRoot, String secondRoot, List<String> proof) {
    }

    private static final List<Consistency> CONSISTENCIES = List.of(
            new Consistency(1, 1, "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
                    "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=", List.of()),
            new Consistency(1, 8, "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
                    "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=", List.of(
                    "lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=", "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                    "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=")),
            new Consistency(6, 8, "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=",
                    "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=", List.of(
                    "DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=", "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                    "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=")),
            new Consistency(2, 5, "+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=",
                    "Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=", List.of(
                    "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=", "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=")),
            new Consistency(6, 7, "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=",
                    "3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=", List.of(
                    "DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=", "sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=",
                    "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=")));

    /** The eight reference leaves appended one batch at a time, kept as the service keeps them. */
    private static Map<String, byte[]> referenceLog(int... batchSizes) {
        Map<String, byte[]> nodes = new HashMap<>();
        SubtreeHashes stored = (level, index) -> {
            byte[] hash = nodes.get(level + "/" + index);
            if (hash == null) {
                throw new IllegalStateException("subtree " + level + "/" + index + " was never stored");
            }
            return hash;
        };
        int next = 0;
        for (int size : batchSizes) {
            List<byte[]> hashes = new ArrayList<>();
            for (int i = next; i < next + size; i++) {
                hashes.add(MerkleHash.leaf(HexFormat.of().parseHex(LEAF_INPUTS_HEX.get(i))));
            }
            for (MerkleTree.Subtree subtree : MerkleTree.appended(next, hashes, stored)) {
                nodes.put(subtree.level() + "/" + subtree.index(), subtree.hash());
            }
            next += size;
        }
        return nodes;
    }

    private static SubtreeHashes reader(Map<String, byte[]> nodes) {
        return (level, index) -> {
            byte[] hash = nodes.get(level + "/" + index);
            if (hash == null) {
                throw new IllegalStateException("subtree " + level + "/" + index + " is not complete");
            }
            return hash;
        };
    }

    private static byte[] b64(String value) {
        return Base64.getDecoder().decode(value);
    }

    private static List<byte[]> b64(List<String> values) {
        return values.stream().map(MerkleTreeTest::b64).toList();
    }

    private static List<String> toB64(List<byte[]> values) {
        return values.stream().map(v -> Base64.getEncoder().encodeToString(v)).toList();
    }

    @Test
    void the_roots_of_every_size_of_the_reference_log_match_the_published_ones() {
        SubtreeHashes stored = reader(referenceLog(8));
        for (int size = 0; size <= 8; size++) {
            assertThat(HexFormat.of().formatHex(MerkleTree.root(size, stored))).as("size " + size)
                    .isEqualTo(ROOTS_HEX.get(size));
        }
    }

    @Test
    void a_compact_range_computes_every_published_root_from_the_leaves_alone() {
        CompactRange range = new CompactRange();
        assertThat(HexFormat.of().formatHex(range.root())).isEqualTo(ROOTS_HEX.get(0));
        for (int i = 0; i < 8; i++) {
            range.append(MerkleHash.leaf(HexFormat.of().parseHex(LEAF_INPUTS_HEX.get(i))));
            assertThat(HexFormat.of().formatHex(range.root())).as("size " + (i + 1)).isEqualTo(ROOTS_HEX.get(i + 1));
        }
        assertThat(range.size()).isEqualTo(8);
    }

    @Test
    void appending_in_uneven_batches_stores_the_same_subtrees_as_appending_at_once() {
        Map<String, byte[]> atOnce = referenceLog(8);
        Map<String, byte[]> inBatches = referenceLog(3, 1, 2, 2);

        assertThat(inBatches.keySet()).isEqualTo(atOnce.keySet());
        atOnce.forEach((key, hash) -> assertThat(inBatches.get(key)).as(key).isEqualTo(hash));
        // 8 leaves, 4 pairs, 2 quads, 1 root: only complete subtrees are ever stored.
        assertThat(atOnce).hasSize(15);
    }

    @Test
    void a_complete_subtree_hashed_from_its_leaves_equals_the_stored_one_at_every_level() {
        Map<String, byte[]> nodes = referenceLog(8);
        for (int level = 0; level <= 3; level++) {
            int width = 1 << level;
            for (int index = 0; index < 8 / width; index++) {
                List<byte[]> leaves = new ArrayList<>();
                for (int leaf = index * width; leaf < (index + 1) * width; leaf++) {
                    leaves.add(nodes.get("0/" + leaf));
                }
                assertThat(MerkleTree.completeSubtree(leaves)).as(level + "/" + index)
                        .isEqualTo(nodes.get(level + "/" + index));
            }
        }
        assertThat(HexFormat.of().formatHex(MerkleTree.completeSubtree(
                List.of(nodes.get("0/0"), nodes.get("0/1"), nodes.get("0/2"), nodes.get("0/3"), nodes.get("0/4"),
                        nodes.get("0/5"), nodes.get("0/6"), nodes.get("0/7"))))).isEqualTo(ROOTS_HEX.get(8));
    }

    @Test
    void a_complete_subtree_is_refused_a_number_of_leaves_that_is_not_a_power_of_two() {
        Map<String, byte[]> nodes = referenceLog(8);
        assertThatThrownBy(() -> MerkleTree.completeSubtree(List.of(nodes.get("0/0"), nodes.get("0/1"),
                nodes.get("0/2")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 3");
        assertThatThrownBy(() -> MerkleTree.completeSubtree(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inclusion_proofs_equal_the_published_vectors_and_verify() {
        SubtreeHashes stored = reader(referenceLog(8));
        for (Inclusion vector : INCLUSIONS) {
            List<byte[]> path = MerkleTree.inclusionProof(vector.index(), vector.size(), stored);
            assertThat(toB64(path)).as("leaf %d of %d", vector.index(), vector.size()).isEqualTo(vector.path());
            assertThat(MerkleProofs.verifyInclusion(vector.index(), vector.size(), b64(vector.leafHash()),
                    b64(vector.path()), b64(vector.root()))).isTrue();
        }
    }

    @Test
    void consistency_proofs_equal_the_published_vectors_and_verify() {
        SubtreeHashes stored = reader(referenceLog(8));
        for (Consistency vector : CONSISTENCIES) {
            List<byte[]> proof = MerkleTree.consistencyProof(vector.first(), vector.second(), stored);
            assertThat(toB64(proof)).as("%d to %d", vector.first(), vector.second()).isEqualTo(vector.proof());
            assertThat(MerkleProofs.verifyConsistency(vector.first(), vector.second(), b64(vector.firstRoot()),
                    b64(vector.secondRoot()), b64(vector.proof()))).isTrue();
        }
    }

    @Test
    void every_proof_between_every_pair_of_sizes_verifies_against_the_roots() {
        SubtreeHashes stored = reader(referenceLog(8));
        for (int size = 1; size <= 8; size++) {
            byte[] root = MerkleTree.root(size, stored);
            for (int index = 0; index < size; index++) {
                List<byte[]> path = MerkleTree.inclusionProof(index, size, stored);
                assertThat(MerkleProofs.verifyInclusion(index, size, stored.hash(0, index), path, root))
                        .as("leaf %d of %d", index, size).isTrue();
            }
            for (int first = 0; first <= size; first++) {
                List<byte[]> proof = MerkleTree.consistencyProof(first, size, stored);
                assertThat(MerkleProofs.verifyConsistency(first, size, MerkleTree.root(first, stored), root, proof))
                        .as("%d to %d", first, size).isTrue();
            }
        }
    }

    @Test
    void an_inclusion_proof_fails_when_any_byte_of_the_leaf_path_or_root_changes() {
        for (Inclusion vector : INCLUSIONS) {
            byte[] leaf = b64(vector.leafHash());
            byte[] root = b64(vector.root());
            List<byte[]> path = b64(vector.path());
            for (int i = 0; i < MerkleHash.SIZE; i++) {
                assertThat(MerkleProofs.verifyInclusion(vector.index(), vector.size(), flipped(leaf, i), path, root))
                        .isFalse();
                assertThat(MerkleProofs.verifyInclusion(vector.index(), vector.size(), leaf, path, flipped(root, i)))
                        .isFalse();
                for (int p = 0; p < path.size(); p++) {
                    List<byte[]> changed = new ArrayList<>(path);
                    changed.set(p, flipped(path.get(p), i));
                    assertThat(MerkleProofs.verifyInclusion(vector.index(), vector.size(), leaf, changed, root))
                            .isFalse();
                }
            }
            assertThat(MerkleProofs.verifyInclusion(vector.index() + 1, vector.size(), leaf, path, root)).isFalse();
            if (!path.isEmpty()) {
                assertThat(MerkleProofs.verifyInclusion(vector.index(), vector.size(), leaf,
                        path.subList(0, path.size() - 1), root)).isFalse();
            }
        }
    }

    @Test
    void a_consistency_proof_fails_when_any_byte_of_a_root_or_the_proof_changes() {
        for (Consistency vector : CONSISTENCIES) {
            byte[] first = b64(vector.firstRoot());
            byte[] second = b64(vector.secondRoot());
            List<byte[]> proof = b64(vector.proof());
            for (int i = 0; i < MerkleHash.SIZE; i++) {
                assertThat(MerkleProofs.verifyConsistency(vector.first(), vector.second(), flipped(first, i), second,
                        proof)).isFalse();
                assertThat(MerkleProofs.verifyConsistency(vector.first(), vector.second(), first, flipped(second, i),
                        proof)).isFalse();
                for (int p = 0; p < proof.size(); p++) {
                    List<byte[]> changed = new ArrayList<>(proof);
                    changed.set(p, flipped(proof.get(p), i));
                    assertThat(MerkleProofs.verifyConsistency(vector.first(), vector.second(), first, second,
                            changed)).isFalse();
                }
            }
            if (!proof.isEmpty()) {
                assertThat(MerkleProofs.verifyConsistency(vector.first(), vector.second(), first, second,
                        proof.subList(0, proof.size() - 1))).isFalse();
                assertThat(MerkleProofs.verifyConsistency(vector.second(), vector.first(), second, first, proof))
                        .isFalse();
            }
        }
    }

    @Test
    void no_proof_is_made_for_a_leaf_outside_the_tree_or_a_shrinking_tree() {
        SubtreeHashes stored = reader(referenceLog(8));

        assertThatThrownBy(() -> MerkleTree.inclusionProof(8, 8, stored)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(-1, 8, stored))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(5, 4, stored))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] flipped(byte[] value, int index) {
        byte[] copy = value.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
