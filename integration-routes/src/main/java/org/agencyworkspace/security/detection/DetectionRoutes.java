package org.agencyworkspace.security.detection;

import org.agencyworkspace.security.SecurityProperties;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Runs the detection rules on new audit events, watches the rules file and verifies the audit
 * chain, each on its own timer with a single consumer. A failed tick is the next tick's work: the
 * cursor only moves with the incidents it produced.
 */
class DetectionRoutes extends EndpointRouteBuilder {

    private final SecurityProperties.Detection detection;
    private final DetectionService service;

    DetectionRoutes(SecurityProperties.Detection detection, DetectionService service) {
        this.detection = detection;
        this.service = service;
    }

    @Override
    public void configure() {
        from(timer("detection").period(detection.pollInterval().toMillis()).delay(0))
                .routeId("detection")
                .process(exchange -> exchange.getMessage().setBody(service.evaluateNew()));

        from(timer("detection-rules-watch").period(Math.max(1000, detection.pollInterval().toMillis()))
                .delay(1000))
                .routeId("detection-rules-watch")
                .process(exchange -> exchange.getMessage().setBody(service.reloadIfChanged()));

        from(timer("audit-chain-check").period(detection.chainCheckInterval().toMillis())
                .delay(30_000))
                .routeId("audit-chain-check")
                .process(exchange -> exchange.getMessage().setBody(service.checkChain()));
    }
}
