package org.agencyworkspace.expenses;

import java.time.Clock;
import org.agencyworkspace.connector.einvoice.MofInvoicePlatform;
import org.agencyworkspace.connector.einvoice.ReceiptImages;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the e-invoice reader from {@link ExpensesProperties}, and, when
 * {@code workspace.einvoice-platform.enabled}, the MoF platform client (built once) and the route
 * that checks claimed e-invoices with it.
 */
@Configuration(proxyBeanMethods = false)
class ExpensesConfiguration {

    @Bean
    ReceiptImages receiptImages(ExpensesProperties properties) {
        return new ReceiptImages(new ReceiptImages.Limits(properties.maxFileSize().toBytes(),
                properties.maxImagePixels(), properties.maxPdfPages(), properties.pdfDpi()));
    }

    @Bean
    @ConditionalOnProperty(name = "workspace.einvoice-platform.enabled", havingValue = "true")
    InvoiceVerifications invoiceVerifications(InvoicePlatformProperties platform, JdbcClient jdbc, AuditTrail audit,
            EventPublisher events, Clock clock) {
        if (platform.appId() == null || platform.appId().isBlank()) {
            throw new IllegalStateException("workspace.einvoice-platform.app-id is required when the platform is enabled");
        }
        return new InvoiceVerifications(jdbc, new MofInvoicePlatform(platform.url(), platform.appId(), platform.timeout()),
                audit, events, clock, platform.batch());
    }

    @Bean
    @ConditionalOnProperty(name = "workspace.einvoice-platform.enabled", havingValue = "true")
    ExpenseInvoiceVerificationRoutes expenseInvoiceVerificationRoutes(InvoicePlatformProperties platform,
            InvoiceVerifications verifications) {
        return new ExpenseInvoiceVerificationRoutes(platform, verifications);
    }
}
