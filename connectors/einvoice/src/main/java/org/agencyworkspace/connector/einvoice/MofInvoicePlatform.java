package org.agencyworkspace.connector.einvoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.JsonAnswers;

/**
 * The Ministry of Finance e-invoice platform's query API over HTTP: a form POST of
 * {@code action=qryInvDetail}, {@code type=QRCode}, {@code version=0.5}, {@code generation=V2},
 * {@code invNum}, {@code invDate} ({@code yyyy/MM/dd}), {@code randomNumber}, {@code sellerID},
 * {@code encrypt} (the left code's verification field), {@code UUID} and the agency's
 * {@code appID}. The answer is JSON: {@code code} "200" with {@code invNum}, {@code invDate}
 * ({@code yyyyMMdd}), {@code sellerBan}, {@code sellerName}, {@code invStatus}, {@code amount};
 * {@code code} "903" that the platform does not know the invoice. Any other code (a refused App ID,
 * a malformed request, a code this client does not know) is an error, never read as "not found":
 * fail closed.
 *
 * <p>Never run against the real platform here (it needs an App ID it issues): proven against a
 * fake of this shape (see the module README).
 */
public final class MofInvoicePlatform implements InvoiceRegistry {

    static final String FOUND = "200";
    static final String NOT_FOUND = "903";
    private static final DateTimeFormatter REQUEST_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final DateTimeFormatter ANSWER_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonAnswers ANSWERS = new JsonAnswers("einvoice-platform");

    private final URI endpoint;
    private final String appId;
    private final HttpExchanger http;

    /**
     * @param endpoint the query endpoint, e.g. {@code https://api.einvoice.nat.gov.tw/PB2CAPIVAN/invapp/InvApp}
     * @param appId the App ID the platform issued to the agency
     * @param timeout how long one query may take
     */
    public MofInvoicePlatform(URI endpoint, String appId, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId required");
        }
        this.appId = appId;
        this.http = new HttpExchanger("einvoice-platform", timeout, timeout);
    }

    @Override
    public Optional<Registered> find(Query query) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "0.5");
        form.put("type", "QRCode");
        form.put("invNum", query.number());
        form.put("action", "qryInvDetail");
        form.put("generation", "V2");
        form.put("invDate", REQUEST_DATE.format(query.issued()));
        form.put("encrypt", query.verification() == null ? "" : query.verification());
        form.put("sellerID", query.seller());
        form.put("UUID", UUID.randomUUID().toString());
        form.put("randomNumber", query.randomCode());
        form.put("appID", appId);
        String body = form.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String answer;
        try {
            answer = http.send(http.request(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        } catch (ConnectorException e) {
            throw new InvoiceRegistryException("the e-invoice platform did not answer: " + e.getMessage(), e.retryable());
        }
        return read(answer);
    }

    /** Reads one answer; anything not of the documented shape is a permanent error. */
    static Optional<Registered> read(String answer) {
        JsonNode node;
        try {
            node = JSON.readTree(answer == null ? "" : answer);
        } catch (JsonProcessingException e) {
            throw new InvoiceRegistryException("the e-invoice platform answered something that is not JSON", false);
        }
        if (node == null || !node.isObject()) {
            throw new InvoiceRegistryException("the e-invoice platform answered something that is not an object", false);
        }
        String code = ANSWERS.optionalText(node, "code");
        if (code == null) {
            throw new InvoiceRegistryException("the e-invoice platform's answer has no code", false);
        }
        if (NOT_FOUND.equals(code)) {
            return Optional.empty();
        }
        if (!FOUND.equals(code)) {
            throw new InvoiceRegistryException("the e-invoice platform refused the query: " + shorten(code) + " "
                    + shorten(ANSWERS.optionalText(node, "msg")), false);
        }
        try {
            return Optional.of(new Registered(required(node, "invNum"),
                    LocalDate.parse(required(node, "invDate"), ANSWER_DATE), required(node, "sellerBan"),
                    Objects.requireNonNullElse(ANSWERS.optionalText(node, "sellerName"), ""),
                    required(node, "invStatus"), new BigDecimal(required(node, "amount"))));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvoiceRegistryException("the e-invoice platform's answer is malformed: " + e.getMessage(), false);
        }
    }

    private static String required(JsonNode node, String field) {
        String value = ANSWERS.optionalText(node, field);
        if (value == null || value.isBlank()) {
            throw new InvoiceRegistryException("the e-invoice platform's answer lacks " + field, false);
        }
        return value.strip();
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200);
    }
}
