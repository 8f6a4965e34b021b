package org.agencyworkspace.officialdocs.exchange;

import java.util.Optional;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The gateway's folders: packages dropped into {@code workspace.exchange.inbound-folder} are
 * received like those over HTTPS, each answered with a signed acknowledgement written to its
 * {@code acknowledgements/} sub-folder; acknowledgements a gateway drops for packages this
 * workspace sent through a recipient's folder are recorded. A file leaves the folder only after
 * it was handled ({@code .done/}) or dead-lettered.
 */
@Component
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
class ExchangeFolderRoutes extends EndpointRouteBuilder {

    private static final String PACKAGES = ".*\\.asice";

    private final ExchangeInbox inbox;
    private final ExchangeDispatch dispatch;
    private final ExchangeProperties properties;

    ExchangeFolderRoutes(ExchangeInbox inbox, ExchangeDispatch dispatch, ExchangeProperties properties) {
        this.inbox = inbox;
        this.dispatch = dispatch;
        this.properties = properties;
    }

    @Override
    public void configure() {
        if (properties.inboundFolder() != null) {
            from(file(properties.inboundFolder().toString()).include(PACKAGES).move(".done").delay(1000))
                    .routeId("exchange-inbound-folder")
                    .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                    .process(exchange -> {
                        ExchangeInbox.Answer answer = inbox.receive(exchange.getMessage().getBody(byte[].class),
                                ExchangeInbox.Channel.FOLDER, Optional.empty());
                        exchange.getMessage().setHeader(Exchange.FILE_NAME,
                                exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class) + ".ack.asice");
                        exchange.getMessage().setBody(answer.acknowledgement());
                    })
                    .to(file(properties.inboundFolder().resolve("acknowledgements").toString())
                            .tempPrefix(".writing-"));
        }
        properties.recipients().forEach((code, recipient) -> {
            if (recipient.acknowledgementFolder() != null) {
                from(file(recipient.acknowledgementFolder().toString()).include(PACKAGES).move(".done").delay(1000))
                        .routeId("exchange-acknowledgements-" + code)
                        .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                        .process(exchange -> dispatch.recordAcknowledgement(
                                exchange.getMessage().getBody(byte[].class), "folder"));
            }
        });
    }
}
