package org.agencyworkspace.health;

import java.util.Objects;
import java.util.Optional;
import org.agencyworkspace.connector.HealthProbe;

/**
 * An outside system the workspace can connect to, as shown on the home page and in health.
 *
 * @param id short stable name, also the health component name ({@code keycloak}, ...)
 * @param probe how to check it; empty when the connector is not configured
 * @param configHint the property that turns it on, shown while it is not configured
 */
public record MonitoredConnector(String id, Optional<HealthProbe> probe, String configHint) {

    public MonitoredConnector {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(configHint, "configHint");
    }

    public static MonitoredConnector configured(String id, HealthProbe probe, String configHint) {
        return new MonitoredConnector(id, Optional.of(probe), configHint);
    }

    public static MonitoredConnector notConfigured(String id, String configHint) {
        return new MonitoredConnector(id, Optional.empty(), configHint);
    }

    public boolean isConfigured() {
        return probe.isPresent();
    }
}
