package org.agencyworkspace.officialdocs.flow;

import java.util.Map;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * Follows decisions the approvals registry publishes on document steps. Signatures and returns
 * on the document page decide their step themselves; this route catches the decisions made
 * elsewhere (the approvals page, chat {@code !approve}/{@code !reject}): a rejection returns the
 * document, an approval without a signature asks for the step again. Replays change nothing.
 */
@Component
class OfficialDocumentApprovalRoutes extends EndpointRouteBuilder {

    private final OfficialDocuments documents;

    OfficialDocumentApprovalRoutes(OfficialDocuments documents) {
        this.documents = documents;
    }

    @Override
    public void configure() {
        from("workspace-event:approval.decided")
                .routeId("official-document-approval-decided")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .filter(exchange -> OfficialDocuments.APPROVAL_KIND.equals(data(exchange.getMessage().getBody(Map.class)).get("kind")))
                .process(exchange -> documents.onApprovalDecided(
                        String.valueOf(data(exchange.getMessage().getBody(Map.class)).get("id"))));
    }

    private static Map<?, ?> data(Map<?, ?> event) {
        return event != null && event.get("data") instanceof Map<?, ?> data ? data : Map.of();
    }
}
