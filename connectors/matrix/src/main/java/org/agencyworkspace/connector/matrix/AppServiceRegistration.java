package org.agencyworkspace.connector.matrix;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An application-service registration (Matrix Application Service API), as the homeserver loads
 * it from a YAML file listed in Synapse's {@code app_service_config_files}. Never shows a token in
 * {@link #toString()}.
 *
 * @param id unique and never changing
 * @param url where the homeserver pushes transactions (no path)
 * @param asToken what the application service sends to the homeserver
 * @param hsToken what the homeserver sends to the application service
 * @param senderLocalpart the bot's localpart
 * @param userRegexes exclusive user namespaces
 * @param aliasRegexes exclusive room-alias namespaces
 * @param rateLimited whether the homeserver rate-limits the users it acts as
 */
public record AppServiceRegistration(String id, URI url, String asToken, String hsToken,
        String senderLocalpart, List<String> userRegexes, List<String> aliasRegexes,
        boolean rateLimited) {

    public AppServiceRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(asToken, "asToken");
        Objects.requireNonNull(hsToken, "hsToken");
        Objects.requireNonNull(senderLocalpart, "senderLocalpart");
        userRegexes = List.copyOf(userRegexes);
        aliasRegexes = List.copyOf(aliasRegexes);
    }

    /**
     * The workspace's registration: the bot, users {@code @<userPrefix>…} and aliases
     * {@code #<aliasPrefix>…} of {@code serverName}, all exclusive, not rate-limited.
     */
    public static AppServiceRegistration forBot(String id, URI url, String asToken, String hsToken,
            String botLocalpart, String userPrefix, String aliasPrefix, String serverName) {
        String server = serverName.replace(".", "\\.");
        return new AppServiceRegistration(id, url, asToken, hsToken, botLocalpart,
                List.of("@" + botLocalpart.replace(".", "\\.") + ":" + server,
                        "@" + userPrefix + ".*:" + server),
                List.of("#" + aliasPrefix + ".*:" + server), false);
    }

    /** The YAML Synapse reads; values single-quoted, so no character in them needs escaping but {@code '}. */
    public String toYaml() {
        StringBuilder yaml = new StringBuilder()
                .append("id: ").append(quote(id)).append('\n')
                .append("url: ").append(quote(url.toString())).append('\n')
                .append("as_token: ").append(quote(asToken)).append('\n')
                .append("hs_token: ").append(quote(hsToken)).append('\n')
                .append("sender_localpart: ").append(quote(senderLocalpart)).append('\n')
                .append("rate_limited: ").append(rateLimited).append('\n')
                .append("namespaces:\n  users:\n");
        userRegexes.forEach(regex -> yaml.append("    - {exclusive: true, regex: ")
                .append(quote(regex)).append("}\n"));
        yaml.append("  aliases:\n");
        aliasRegexes.forEach(regex -> yaml.append("    - {exclusive: true, regex: ")
                .append(quote(regex)).append("}\n"));
        return yaml.append("  rooms: []\n").toString();
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return "AppServiceRegistration[id=" + id + ", url=" + url + ", asToken=******, "
                + "hsToken=******, senderLocalpart=" + senderLocalpart + "]";
    }
}
