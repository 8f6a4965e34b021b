package org.agencyworkspace.expenses;

import java.util.Map;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * Advances expense claims when the approvals registry publishes a decision on one (web, API or
 * chat {@code !approve}/{@code !reject} alike). A replayed event changes nothing: the claim
 * moves only from the state that waits for that approval.
 */
@Component
class ExpenseApprovalRoutes extends EndpointRouteBuilder {

    private final ExpenseClaims claims;

    ExpenseApprovalRoutes(ExpenseClaims claims) {
        this.claims = claims;
    }

    @Override
    public void configure() {
        from("workspace-event:approval.decided")
                .routeId("expense-approval-decided")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                // The body is the event's JSON envelope (id, type, ..., data).
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .filter(exchange -> ExpenseClaims.APPROVAL_KIND.equals(data(exchange.getMessage().getBody(Map.class)).get("kind")))
                .process(exchange -> claims.onApprovalDecided(
                        String.valueOf(data(exchange.getMessage().getBody(Map.class)).get("id"))));
    }

    private static Map<?, ?> data(Map<?, ?> event) {
        return event != null && event.get("data") instanceof Map<?, ?> data ? data : Map.of();
    }
}
