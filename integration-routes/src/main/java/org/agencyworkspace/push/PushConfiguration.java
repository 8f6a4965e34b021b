package org.agencyworkspace.push;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.push.VapidKeys;
import org.agencyworkspace.connector.push.WebPushSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Web Push sender, built once: the VAPID key pair from its file (made at the first start in
 * the data folder) and the contact push services see.
 */
@Configuration
@ConditionalOnProperty(prefix = "workspace.push", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PushConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PushConfiguration.class);

    @Bean
    WebPushSender webPushSender(PushProperties push, WorkspaceProperties workspace, Clock clock) {
        Path keyFile = push.keyFile() != null ? push.keyFile() : workspace.dataDir().resolve("push/vapid.pem");
        VapidKeys keys = VapidKeys.loadOrCreate(keyFile);
        LOG.info("Web Push on: VAPID public key {} (from {})", keys.publicKey(), keyFile);
        return WebPushSender.builder().keys(keys).subject(subject(push, workspace.publicUrl()))
                .timeToLive(push.timeToLive()).tokenValidity(push.tokenValidity()).clock(clock).build();
    }

    /** The configured contact, else the public https address, else the operator at its host. */
    static String subject(PushProperties push, URI publicUrl) {
        if (push.subject() != null && !push.subject().isBlank()) {
            return push.subject().strip();
        }
        return "https".equals(publicUrl.getScheme()) ? "https://" + publicUrl.getAuthority()
                : "mailto:operator@" + publicUrl.getHost();
    }
}
