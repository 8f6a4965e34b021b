package org.agencyworkspace.connector.einvoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordedInvoiceRegistryTest {

    @Test
    void answersOnlyForTheExactInvoiceAndTellsAVoidedOne() {
        EInvoiceSamples.Sample sample = EInvoiceSamples.sample(new Random(8));
        EInvoice invoice = EInvoiceQr.parse(sample.left().getBytes(StandardCharsets.UTF_8),
                sample.right().getBytes(StandardCharsets.UTF_8));
        RecordedInvoiceRegistry registry = new RecordedInvoiceRegistry().record(invoice, "全家便利商店", "已確認");

        InvoiceRegistry.Registered found = registry.find(InvoiceRegistry.Query.of(invoice)).orElseThrow();
        assertThat(found.number()).isEqualTo(invoice.number());
        assertThat(found.total()).isEqualByComparingTo(invoice.total());
        assertThat(found.valid()).isTrue();
        assertThat(registry.find(new InvoiceRegistry.Query(invoice.number(), invoice.issued(), "0000",
                invoice.seller(), invoice.verification()))).as("wrong random code").isEmpty();

        registry.record(invoice, "全家便利商店", "作廢");
        assertThat(registry.find(InvoiceRegistry.Query.of(invoice)).orElseThrow().valid()).isFalse();
    }
}
