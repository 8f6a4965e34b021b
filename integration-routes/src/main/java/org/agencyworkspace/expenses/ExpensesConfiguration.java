package org.agencyworkspace.expenses;

import org.agencyworkspace.connector.einvoice.ReceiptImages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the e-invoice reader from {@link ExpensesProperties}. */
@Configuration(proxyBeanMethods = false)
class ExpensesConfiguration {

    @Bean
    ReceiptImages receiptImages(ExpensesProperties properties) {
        return new ReceiptImages(new ReceiptImages.Limits(properties.maxFileSize().toBytes(),
                properties.maxImagePixels(), properties.maxPdfPages(), properties.pdfDpi()));
    }
}
