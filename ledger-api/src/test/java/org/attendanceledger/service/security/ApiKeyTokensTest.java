package org.attendanceledger.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTokensTest {

    private static final String KEY_ID = "2f0c3d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    @Test
    void a_token_names_its_key_and_carries_256_random_bits_in_url_safe_base64() {
        String token = ApiKeyTokens.newToken(KEY_ID);

        assertThat(token).startsWith("alk_" + KEY_ID + "_").matches("[A-Za-z0-9_-]+");
        String secret = token.substring(("alk_" + KEY_ID + "_").length());
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(ApiKeyTokens.keyIdOf(token)).hasValue(KEY_ID);
    }

    @Test
    void no_two_tokens_are_alike() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(ApiKeyTokens.newToken(KEY_ID));
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void a_string_of_another_shape_names_no_key() {
        assertThat(ApiKeyTokens.keyIdOf("test-bootstrap-admin-token")).isEmpty();
        assertThat(ApiKeyTokens.keyIdOf("alk_" + KEY_ID)).isEmpty();
        assertThat(ApiKeyTokens.keyIdOf("alk_" + KEY_ID + "_")).isEmpty();
        assertThat(ApiKeyTokens.keyIdOf("alk_" + KEY_ID.toUpperCase() + "_secret")).isEmpty();
        assertThat(ApiKeyTokens.keyIdOf("alk_' OR 1=1 --aaaaaaaaaaaaaaaaaaaaaa_secret")).isEmpty();
    }
}
