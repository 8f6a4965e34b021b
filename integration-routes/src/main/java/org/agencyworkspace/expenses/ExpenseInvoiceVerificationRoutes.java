package org.agencyworkspace.expenses;

import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/** Asks the MoF e-invoice platform about claimed e-invoices not asked yet (when it is enabled). */
public class ExpenseInvoiceVerificationRoutes extends EndpointRouteBuilder {

    private final InvoicePlatformProperties properties;
    private final InvoiceVerifications verifications;

    public ExpenseInvoiceVerificationRoutes(InvoicePlatformProperties properties, InvoiceVerifications verifications) {
        this.properties = properties;
        this.verifications = verifications;
    }

    @Override
    public void configure() {
        from(timer("expense-invoice-verification").period(properties.pollInterval().toMillis()).delay(0))
                .routeId("expense-invoice-verification")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .process(exchange -> verifications.verifyDue());
    }
}
