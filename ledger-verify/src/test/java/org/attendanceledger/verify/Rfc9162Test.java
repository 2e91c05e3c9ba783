package org.attendanceledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier's own RFC 9162 code against published known answers, copied as data from transparency-dev/merkle
 * (testonly/constants.go: LeafInputs and RootHashes; testdata/inclusion/2/happy-path.json and
 * testdata/consistency/3/happy-path.json).
 */
class Rfc9162Test {

    private static final List<String> LEAF_INPUTS_HEX = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final String ROOT_OF_3 = "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77";
    private static final String ROOT_OF_7 = "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c";
    private static final String ROOT_OF_8 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";

    private static byte[] b64(String value) {
        return Base64.getDecoder().decode(value);
    }

    private static String rootOf(int size) {
        Rfc9162.Root root = new Rfc9162.Root();
        for (int i = 0; i < size; i++) {
            root.add(Rfc9162.leafHash(HexFormat.of().parseHex(LEAF_INPUTS_HEX.get(i))));
        }
        return HexFormat.of().formatHex(root.hash());
    }

    @Test
    void the_streamed_root_matches_the_published_roots_of_sizes_0_3_7_and_8() {
        assertThat(rootOf(0)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(rootOf(3)).isEqualTo(ROOT_OF_3);
        assertThat(rootOf(7)).isEqualTo(ROOT_OF_7);
        assertThat(rootOf(8)).isEqualTo(ROOT_OF_8);
    }

    @Test
    void the_published_inclusion_proof_of_leaf_5_of_8_verifies_and_fails_with_any_byte_changed() {
        byte[] leafHash = b64("QnGia+DYqE8L1UyMMC58s6O10fpngKQLzOKHNHfatlg=");
        List<byte[]> path = List.of(b64("vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="),
                b64("yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA="),
                b64("037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="));
        byte[] root = HexFormat.of().parseHex(ROOT_OF_8);

        assertThat(Rfc9162.verifyInclusion(5, 8, leafHash, path, root)).isTrue();
        assertThat(Rfc9162.verifyInclusion(4, 8, leafHash, path, root)).isFalse();
        for (int p = 0; p < path.size(); p++) {
            for (int i = 0; i < 32; i++) {
                List<byte[]> changed = new ArrayList<>(path);
                byte[] node = path.get(p).clone();
                node[i] ^= 0x01;
                changed.set(p, node);
                assertThat(Rfc9162.verifyInclusion(5, 8, leafHash, changed, root)).isFalse();
            }
        }
    }

    @Test
    void the_published_consistency_proof_from_6_to_8_verifies_and_fails_with_any_byte_changed() {
        byte[] first = b64("duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=");
        byte[] second = HexFormat.of().parseHex(ROOT_OF_8);
        List<byte[]> proof = List.of(b64("DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o="),
                b64("yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA="),
                b64("037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="));

        assertThat(Rfc9162.verifyConsistency(6, 8, first, second, proof)).isTrue();
        assertThat(Rfc9162.verifyConsistency(6, 8, first, second, proof.subList(0, 2))).isFalse();
        for (int p = 0; p < proof.size(); p++) {
            for (int i = 0; i < 32; i++) {
                List<byte[]> changed = new ArrayList<>(proof);
                byte[] node = proof.get(p).clone();
                node[i] ^= 0x01;
                changed.set(p, node);
                assertThat(Rfc9162.verifyConsistency(6, 8, first, second, changed)).isFalse();
            }
        }
    }
}
