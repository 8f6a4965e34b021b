package org.agencyworkspace.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One health indicator per connector under {@code /actuator/health/connectors/<id>}: UP, DOWN,
 * or NOT_CONFIGURED (which does not pull the overall status down; see the status order in
 * application.yaml). Everyone sees the states; details such as addresses and versions are shown
 * to administrators only.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorHealthConfiguration {

    /** A connector that has no address configured; reported, not counted as a failure. */
    public static final Status NOT_CONFIGURED = new Status("NOT_CONFIGURED",
            "not configured; this part runs on its embedded default");

    @Bean
    CompositeHealthContributor connectorsHealthContributor(ConnectorStatusService statuses) {
        Map<String, HealthContributor> indicators = new LinkedHashMap<>();
        for (String id : statuses.ids()) {
            indicators.put(id, (HealthIndicator) () -> toHealth(statuses.status(id)));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    static Health toHealth(ConnectorStatus status) {
        Health.Builder health = switch (status.state()) {
            case UP -> Health.up();
            case DOWN -> Health.down();
            case NOT_CONFIGURED -> Health.status(NOT_CONFIGURED).withDetail("property",
                    status.configHint());
        };
        if (status.state() != ConnectorStatus.State.NOT_CONFIGURED) {
            health.withDetail("detail", status.detail())
                    .withDetail("latencyMs", status.latency().toMillis());
            status.facts().forEach(health::withDetail);
        }
        return health.withDetail("checkedAt", status.checkedAt().toString()).build();
    }
}
