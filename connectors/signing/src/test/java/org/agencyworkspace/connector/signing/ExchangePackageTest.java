package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.transform.stream.StreamSource;
import org.agencyworkspace.connector.signing.PackageRefusedException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExchangePackageTest {

    private static SigningFixture fixture;
    private static IssuedCertificate clerk;
    private static byte[] sent;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new SigningFixture();
        clerk = fixture.issue("趙發文", "科員");
        sent = ExchangePackages.pack(fixture, clerk, ExchangePackages.metadata("376430000A", "普通"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aPackageIsReadBackWhole() throws Exception {
        ReceivedPackage received = ExchangePackages.reader(fixture).read(sent);

        assertThat(received.metadata()).isEqualTo(ExchangePackages.metadata("376430000A", "普通"));
        assertThat(received.document()).isEqualTo(ExchangePackages.DOCUMENT);
        assertThat(received.attachments().keySet()).containsExactlyInAnyOrder("附件一.xlsx", "attachment-2.txt");
        assertThat(received.attachments().get("附件一.xlsx")).isEqualTo(ExchangePackages.attachments().get("附件一.xlsx"));
        assertThat(received.validation().allValid()).isTrue();
        assertThat(received.validation().signatures()).singleElement()
                .satisfies(finding -> assertThat(finding.timestamped()).isTrue());
    }

    @Test
    void theMetadataInThePackageIsValidAgainstThePublishedSchema() throws Exception {
        byte[] xml = entry(sent, ExchangeMetadataXml.FILE_NAME);

        ExchangeMetadataXml.schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("urn:agencyworkspace:exchange:metadata:1", "<urgency>速件</urgency>",
                "<documentNumber>府授秘字第1150001234號</documentNumber>");
    }

    @Test
    void metadataThatBreaksTheSchemaIsNeverPacked() {
        ExchangeMetadata folderName = new ExchangeMetadata(new ExchangeMetadata.Party("376430000A", "測試機關"), "1",
                java.time.LocalDate.now(), ExchangeMetadata.Urgency.ORDINARY, "普通", java.util.List.of(), "主旨",
                "../../etc/passwd", java.util.List.of());
        assertThatThrownBy(() -> ExchangeMetadataXml.write(folderName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema");
    }

    @Test
    void anUnknownSenderIsRefused() throws Exception {
        byte[] other = ExchangePackages.pack(fixture, clerk, ExchangePackages.metadata("999999999Z", "普通"));

        assertThatThrownBy(() -> ExchangePackages.reader(fixture).read(other))
                .isInstanceOfSatisfying(PackageRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SENDER))
                .hasMessageContaining("999999999Z");
    }

    @Test
    void aSignerOfAnotherAgencyCannotSendInAKnownSendersName() throws Exception {
        ExchangePackageReader reader = new ExchangePackageReader(fixture.validator,
                java.util.List.of(new KnownSender("376430000A", "另一機關")), java.util.Set.of("普通"), ExchangePackages.MAX_BYTES);

        assertThatThrownBy(() -> reader.read(sent))
                .isInstanceOfSatisfying(PackageRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SENDER));
    }

    @Test
    void aPackageAboveTheAllowedLevelIsRefused() throws Exception {
        byte[] secret = ExchangePackages.pack(fixture, clerk, ExchangePackages.metadata("376430000A", "機密"));

        assertThatThrownBy(() -> ExchangePackages.reader(fixture).read(secret))
                .isInstanceOfSatisfying(PackageRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ABOVE_ALLOWED_LEVEL))
                .hasMessageContaining("機密");
    }

    @Test
    void aFileSwappedInsideThePackageIsRefusedAsTampered() throws Exception {
        byte[] swapped = replaceEntry(sent, "attachment-2.txt", "a different attachment\n".getBytes());

        assertThatThrownBy(() -> ExchangePackages.reader(fixture).read(swapped))
                .isInstanceOfSatisfying(PackageRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED));
    }

    @Test
    void anExtraUnsignedFileIsRefused() throws Exception {
        byte[] extra = addEntry(sent, "extra.exe", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> ExchangePackages.reader(fixture).read(extra))
                .isInstanceOfSatisfying(PackageRefusedException.class,
                        e -> assertThat(e.reason()).isIn(Reason.TAMPERED, Reason.MALFORMED));
    }

    @Test
    void anUnsignedZipAndJunkAreRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/vnd.etsi.asic-e+zip".getBytes());
            zip.putNextEntry(new ZipEntry("公文.pdf"));
            zip.write(SigningFixture.textPdf(1));
        }
        assertThatThrownBy(() -> ExchangePackages.reader(fixture).read(out.toByteArray()))
                .isInstanceOfSatisfying(PackageRefusedException.class,
                        e -> assertThat(e.reason()).isIn(Reason.UNSIGNED, Reason.MALFORMED));
        assertThatThrownBy(() -> ExchangePackages.reader(fixture).read("junk".getBytes()))
                .isInstanceOfSatisfying(PackageRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThatThrownBy(() -> new ExchangePackageReader(fixture.validator, java.util.List.of(), java.util.Set.of(), 10).read(sent))
                .isInstanceOfSatisfying(PackageRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    static byte[] entry(byte[] zipBytes, String name) throws Exception {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + name);
    }

    private static byte[] replaceEntry(byte[] zipBytes, String name, byte[] content) throws Exception {
        return rewrite(zipBytes, name, content, null);
    }

    private static byte[] addEntry(byte[] zipBytes, String name, byte[] content) throws Exception {
        return rewrite(zipBytes, null, null, new java.util.AbstractMap.SimpleEntry<>(name, content));
    }

    private static byte[] rewrite(byte[] zipBytes, String replace, byte[] with, java.util.Map.Entry<String, byte[]> add)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().equals(replace) ? with : content);
            }
            if (add != null) {
                zip.putNextEntry(new ZipEntry(add.getKey()));
                zip.write(add.getValue());
            }
        }
        return out.toByteArray();
    }
}
