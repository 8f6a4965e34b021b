package org.agencyworkspace.connector.einvoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double of {@link InvoiceRegistry} built from the platform's published response shape
 * (電子發票API規格, qryInvDetail): {@code v}, {@code code} ("200" found, "903" not found),
 * {@code msg}, {@code invNum}, {@code invDate} as yyyyMMdd, {@code sellerBan}, {@code sellerName},
 * {@code invStatus}, {@code amount}. Answers come from what tests record; the number, date,
 * random code and seller must all match, as the platform requires.
 */
public final class RecordedInvoiceRegistry implements InvoiceRegistry {

    private static final DateTimeFormatter INV_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Map<String, Map<String, String>> responses = new ConcurrentHashMap<>();

    /** Records the platform's answer for an invoice, in the response's own field names. */
    public RecordedInvoiceRegistry record(EInvoice invoice, String sellerName, String status) {
        responses.put(key(invoice.number(), invoice.issued(), invoice.randomCode(), invoice.seller()),
                Map.of("v", "0.5", "code", "200", "msg", "查詢成功", "invNum", invoice.number(),
                        "invDate", INV_DATE.format(invoice.issued()), "sellerBan", invoice.seller(),
                        "sellerName", sellerName, "invStatus", status,
                        "amount", invoice.total().toPlainString()));
        return this;
    }

    @Override
    public Optional<Registered> find(Query query) {
        Map<String, String> response = responses.getOrDefault(
                key(query.number(), query.issued(), query.randomCode(), query.seller()),
                Map.of("v", "0.5", "code", "903", "msg", "查無此發票"));
        if (!"200".equals(response.get("code"))) {
            return Optional.empty();
        }
        return Optional.of(new Registered(response.get("invNum"),
                LocalDate.parse(response.get("invDate"), INV_DATE), response.get("sellerBan"),
                response.get("sellerName"), response.get("invStatus"),
                new BigDecimal(response.get("amount"))));
    }

    private static String key(String number, LocalDate issued, String random, String seller) {
        return number + '|' + issued + '|' + random + '|' + seller;
    }
}
