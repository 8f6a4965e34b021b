package org.agencyworkspace.identity.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.testsupport.StackEnvironment;

/**
 * What Synapse's default OIDC mapping provider makes of a Keycloak user's claims: the shipped
 * {@code localpart_template} rendered on the claims, then Synapse's
 * {@code map_username_to_mxid_localpart} (the Matrix spec's "mapping from other character sets":
 * ASCII upper case lowered, every byte outside {@code a-z 0-9 _ - . / +} written as {@code =xx},
 * a leading {@code _} as {@code =5f}). Only templates that name one claim are modelled; the model
 * is checked against Synapse's own code by {@code SynapseOidcClaimsIT}.
 */
public final class SynapseLocalpartMapping {

    private static final Pattern TEMPLATE = Pattern.compile("localpart_template: \"([^\"]*)\"");
    private static final Pattern ONE_CLAIM = Pattern.compile("\\{\\{\\s*user\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private SynapseLocalpartMapping() {
    }

    /** The template of the local stack's Synapse (deploy/local/services/synapse.sh). */
    public static String localStackTemplate() {
        return template(StackEnvironment.repositoryRoot().resolve("deploy/local/services/synapse.sh"));
    }

    /** The template the Ansible role renders into homeserver.yaml. */
    public static String ansibleTemplate() {
        return template(StackEnvironment.repositoryRoot()
                .resolve("ansible/roles/synapse/templates/homeserver.yaml.j2"))
                .replace("{% raw %}", "").replace("{% endraw %}", "");
    }

    private static String template(Path file) {
        try {
            Matcher matcher = TEMPLATE.matcher(Files.readString(file));
            if (!matcher.find()) {
                throw new AssertionError("no localpart_template in " + file);
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The localpart Synapse gives the person with these claims. */
    public static String localpart(String template, Map<String, ?> claims) {
        Matcher matcher = ONE_CLAIM.matcher(template.strip());
        if (!matcher.matches()) {
            throw new AssertionError("the model knows templates naming one claim only, not " + template);
        }
        Object value = claims.get(matcher.group(1));
        return toMxidLocalpart(value == null ? "" : value.toString().strip());
    }

    /** Synapse's {@code map_username_to_mxid_localpart} (case-insensitive, its default). */
    public static String toMxidLocalpart(String username) {
        StringBuilder out = new StringBuilder();
        for (byte b : username.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_-./+".indexOf(c) >= 0;
            out.append(allowed ? String.valueOf((char) c) : String.format("=%02x", c));
        }
        return out.length() > 0 && out.charAt(0) == '_' ? "=5f" + out.substring(1) : out.toString();
    }
}
