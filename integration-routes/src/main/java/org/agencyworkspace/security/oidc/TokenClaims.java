package org.agencyworkspace.security.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.security.Authorities;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads the workspace's view of a person from token claims: login, name, roles, departments and
 * clearance. The claim names come from configuration; Keycloak's {@code realm_access.roles} is
 * used when the flat roles claim is absent.
 */
public final class TokenClaims {

    private final SecurityProperties.Oidc names;

    public TokenClaims(SecurityProperties.Oidc names) {
        this.names = names;
    }

    public WorkspaceUser user(Map<String, Object> claims) {
        Object login = claims.getOrDefault("preferred_username", claims.get("sub"));
        return new WorkspaceUser(String.valueOf(login), (String) claims.get("name"),
                roles(claims), strings(claims.get(names.departmentClaim())),
                claims.get(names.clearanceClaim()) instanceof String clearance ? clearance : null);
    }

    /** {@code WORKSPACE_USER} plus one {@code ROLE_*} per role claim value. */
    public List<GrantedAuthority> authorities(Map<String, Object> claims) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(Authorities.WORKSPACE_USER));
        roles(claims).forEach(role ->
                authorities.add(new SimpleGrantedAuthority(Authorities.roleAuthority(role))));
        return authorities;
    }

    private List<String> roles(Map<String, Object> claims) {
        List<String> roles = strings(claims.get(names.rolesClaim()));
        if (roles.isEmpty() && claims.get("realm_access") instanceof Map<?, ?> realmAccess) {
            roles = strings(realmAccess.get("roles"));
        }
        return roles;
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return value instanceof String single ? List.of(single) : List.of();
    }
}
