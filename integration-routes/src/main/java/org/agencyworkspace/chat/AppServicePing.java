package org.agencyworkspace.chat;

import java.util.UUID;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the app answers requests, asks the homeserver to ping it. Besides checking the
 * registration (URL and tokens) end to end, a successful ping makes Synapse send at once what it
 * held back while the app was down, instead of waiting out its backoff (up to 8.5 minutes).
 */
public class AppServicePing implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AppServicePing.class);

    private final MatrixClient bot;
    private final String appserviceId;

    public AppServicePing(MatrixClient bot, String appserviceId) {
        this.bot = bot;
        this.appserviceId = appserviceId;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread pinger = new Thread(this::ping, "matrix-appservice-ping");
        pinger.setDaemon(true);
        pinger.start();
    }

    void ping() {
        try {
            LOG.info("Matrix homeserver reached the application service in {} ms",
                    bot.ping(appserviceId, "startup-" + UUID.randomUUID()).toMillis());
        } catch (ConnectorException e) {
            LOG.warn("Matrix homeserver could not ping the application service {} (check the "
                    + "registration's url and tokens): {}", appserviceId, e.getMessage());
        }
    }
}
