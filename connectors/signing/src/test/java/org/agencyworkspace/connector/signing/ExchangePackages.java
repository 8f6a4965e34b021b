package org.agencyworkspace.connector.signing;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Party;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Urgency;

/** A dispatched document's package as the tests send it, and a reader configured to take it. */
final class ExchangePackages {

    static final int MAX_BYTES = 20 * 1024 * 1024;
    static final byte[] DOCUMENT = document();

    private ExchangePackages() {
    }

    static ExchangeMetadata metadata(String senderCode, String level) {
        return new ExchangeMetadata(new Party(senderCode, "測試機關"), "府授秘字第1150001234號", LocalDate.of(2026, 12, 7),
                Urgency.URGENT, level, List.of(new Party("A12345", "數位發展部"), new Party("B678", "國家發展委員會")),
                "檢送本機關遠距辦公試辦計畫一份，請查照。", "公文.pdf", List.of("附件一.xlsx", "attachment-2.txt"));
    }

    static Map<String, byte[]> attachments() {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        attachments.put("附件一.xlsx", "PK fake spreadsheet bytes".getBytes(StandardCharsets.UTF_8));
        attachments.put("attachment-2.txt", "second attachment\n".getBytes(StandardCharsets.UTF_8));
        return attachments;
    }

    static byte[] pack(SigningFixture fixture, IssuedCertificate signer, ExchangeMetadata metadata) throws Exception {
        ExchangePackager packager = new ExchangePackager(fixture.checks, Optional.of(new TimestampAuthority(fixture.tsa.url())));
        try (UnlockedKey key = fixture.unlock(signer)) {
            return packager.pack(metadata, DOCUMENT, attachments(), key);
        }
    }

    private static byte[] document() {
        try {
            return SigningFixture.textPdf(2);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ExchangePackageReader reader(SigningFixture fixture) {
        return new ExchangePackageReader(fixture.validator, List.of(new KnownSender("376430000A", "測試機關 Test Agency")),
                Set.of("普通", "限閱"), MAX_BYTES);
    }
}
