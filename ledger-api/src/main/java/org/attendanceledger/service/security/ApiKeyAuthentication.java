package org.attendanceledger.service.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key (or the bootstrap admin token). It keeps no copy of the token. */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final LedgerPrincipal principal;

    public ApiKeyAuthentication(LedgerPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public LedgerPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return null;
    }
}
