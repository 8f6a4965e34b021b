package org.agencyworkspace.connector.keycloak;

import java.net.URI;

/**
 * The parts of a realm's OpenID Provider metadata the workspace uses.
 *
 * @param issuer the {@code iss} every token of the realm carries
 * @param authorizationEndpoint where browsers are sent to log in
 * @param tokenEndpoint where codes and client credentials are exchanged for tokens
 * @param jwksUri the realm's public signing keys
 */
public record OidcDiscovery(URI issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {
}
