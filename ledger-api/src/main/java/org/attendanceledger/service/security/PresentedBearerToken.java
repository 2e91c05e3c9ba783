package org.attendanceledger.service.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A bearer token as the request presented it, before it is checked. */
class PresentedBearerToken extends AbstractAuthenticationToken {

    private final String token;

    PresentedBearerToken(String token) {
        super(List.of());
        this.token = token;
    }

    @Override
    public String getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    /** Never print the token, whoever logs this object. */
    @Override
    public String toString() {
        return "PresentedBearerToken[withheld]";
    }
}
