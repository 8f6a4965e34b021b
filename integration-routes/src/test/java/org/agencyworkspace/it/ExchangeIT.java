package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.SSLContext;
import org.agencyworkspace.WorkspaceApplication;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.connector.signing.AgencyCa;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgement;
import org.agencyworkspace.connector.signing.ExchangeMetadata;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Party;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Urgency;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.officialdocs.AgencyAuthority;
import org.agencyworkspace.officialdocs.exchange.ExchangeDesk;
import org.agencyworkspace.officialdocs.exchange.ExchangeDispatch;
import org.agencyworkspace.officialdocs.exchange.ExchangeInbox;
import org.agencyworkspace.officialdocs.exchange.ExchangeTestAccess;
import org.agencyworkspace.officialdocs.exchange.OutgoingDocument;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.testsupport.BrowserSession;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two workspaces on loopback, each with its own agency CA: 數位發展部 (A12345) dispatches to
 * 測試機關 (376430000A) over HTTPS with mutual TLS; 測試機關 dispatches to 數位發展部 through a
 * gateway's folders. Each receiver validates, files with the level, opens the clerk's task and
 * answers with a signed acknowledgement the sender records; tampered, damaged, unknown-sender,
 * above-level and duplicate packages are refused with nothing filed.
 */
class ExchangeIT {

    private static final String CODE_T = "376430000A";
    private static final String CODE_M = "A12345";
    private static final String AGENCY_T = "測試機關";
    private static final String AGENCY_M = "數位發展部";
    private static final String TLS_PASSWORD = "tls-test-password";
    private static final WorkspaceUser ALICE = new WorkspaceUser("alice", "Alice Chen", List.of("staff"),
            List.of("general-affairs"), "secret");

    @TempDir
    static Path base;

    /** 測試機關: receives over mutual TLS, sends through a folder. */
    private static ConfigurableApplicationContext agency;
    /** 數位發展部: sends over mutual TLS, receives through a folder. */
    private static ConfigurableApplicationContext ministry;
    private static int agencyPort;
    private static int agencyInbox;
    private static int ministryPort;
    private static Path ministryTls;
    private static ExchangeTestAccess.TlsCa tlsCa;
    private static byte[] pdf;

    @BeforeAll
    static void startBoth() throws Exception {
        agencyPort = SigningIT.freePort();
        agencyInbox = SigningIT.freePort();
        ministryPort = SigningIT.freePort();
        tlsCa = ExchangeTestAccess.TlsCa.create();
        Path tlsAnchor = tlsCa.pem(base.resolve("tls/ca.pem"));
        Path agencyTls = tlsCa.issue(AGENCY_T, base.resolve("tls/agency.p12"), TLS_PASSWORD);
        ministryTls = tlsCa.issue(AGENCY_M, base.resolve("tls/ministry.p12"), TLS_PASSWORD);
        Path agencyCa = agencyCa(base.resolve("t"), AGENCY_T, agencyPort);
        Path ministryCa = agencyCa(base.resolve("m"), AGENCY_M, ministryPort);
        Path gateway = Files.createDirectories(base.resolve("gateway"));
        pdf = SigningIT.onePagePdf();

        Map<String, Object> t = common(base.resolve("t"), agencyPort, AGENCY_T);
        t.put("workspace.exchange.code", CODE_T);
        t.put("workspace.exchange.seal-passphrase", "agency seal passphrase");
        t.put("workspace.exchange.max-level", "confidential");
        String[][] levels = {{"普通", "unmarked"}, {"密", "secret"}, {"機密", "confidential"}};
        for (int i = 0; i < levels.length; i++) {
            t.put("workspace.exchange.levels[" + i + "].label", levels[i][0]);
            t.put("workspace.exchange.levels[" + i + "].code", levels[i][1]);
        }
        t.put("workspace.exchange.poll-interval", "300ms");
        t.put("workspace.exchange.inbox.port", agencyInbox);
        t.put("workspace.exchange.inbox.key-store", agencyTls.toString());
        t.put("workspace.exchange.inbox.key-store-password", TLS_PASSWORD);
        t.put("workspace.exchange.inbox.trust-anchors[0]", tlsAnchor.toString());
        t.put("workspace.exchange.senders[0].code", CODE_M);
        t.put("workspace.exchange.senders[0].organisation", AGENCY_M);
        t.put("workspace.exchange.senders[0].trust-anchors[0]", ministryCa.toString());
        t.put("workspace.exchange.recipients." + CODE_M + ".name", AGENCY_M);
        t.put("workspace.exchange.recipients." + CODE_M + ".organisation", AGENCY_M);
        t.put("workspace.exchange.recipients." + CODE_M + ".folder", gateway.toString());
        t.put("workspace.exchange.recipients." + CODE_M + ".acknowledgement-folder",
                gateway.resolve("acknowledgements").toString());

        Map<String, Object> m = common(base.resolve("m"), ministryPort, AGENCY_M);
        m.put("workspace.exchange.code", CODE_M);
        m.put("workspace.exchange.seal-passphrase", "ministry seal passphrase");
        m.put("workspace.exchange.poll-interval", "300ms");
        m.put("workspace.exchange.inbound-folder", gateway.toString());
        m.put("workspace.exchange.senders[0].code", CODE_T);
        m.put("workspace.exchange.senders[0].organisation", AGENCY_T);
        m.put("workspace.exchange.senders[0].trust-anchors[0]", agencyCa.toString());
        m.put("workspace.exchange.recipients." + CODE_T + ".name", AGENCY_T);
        m.put("workspace.exchange.recipients." + CODE_T + ".organisation", AGENCY_T);
        m.put("workspace.exchange.recipients." + CODE_T + ".url", "https://127.0.0.1:" + agencyInbox + "/exchange/inbox");
        m.put("workspace.exchange.recipients." + CODE_T + ".key-store", ministryTls.toString());
        m.put("workspace.exchange.recipients." + CODE_T + ".key-store-password", TLS_PASSWORD);
        m.put("workspace.exchange.recipients." + CODE_T + ".trust-anchors[0]", tlsAnchor.toString());

        agency = new SpringApplicationBuilder(WorkspaceApplication.class).run(arguments(t));
        ministry = new SpringApplicationBuilder(WorkspaceApplication.class).run(arguments(m));
    }

    @AfterAll
    static void stopBoth() {
        if (ministry != null) {
            ministry.close();
        }
        if (agency != null) {
            agency.close();
        }
    }

    @Test
    void aDocumentDispatchedFromFilesCrossesMutualTlsIsFiledWithItsLevelAndAcknowledged() throws Exception {
        FileUploads uploads = ministry.getBean(FileUploads.class);
        uploads.store(FilePath.of("/發文/計畫.pdf"), new ByteArrayInputStream(pdf), secret("計畫"), ALICE);
        uploads.store(FilePath.of("/發文/附件一.txt"), new ByteArrayInputStream("附件內容".getBytes(StandardCharsets.UTF_8)),
                secret("附件"), ALICE);
        BrowserSession alice = new BrowserSession("en");
        new LocalLogins(URI.create("http://127.0.0.1:" + ministryPort + "/"), AbstractWorkspaceIT.PASSWORD,
                base.resolve("m/data")).signIn(alice, "alice");

        HttpResponse<String> dispatched = alice.sendWithCsrf(ministryUri("/"), HttpRequest.newBuilder(
                ministryUri("/api/exchange/dispatch")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"path": "/發文/計畫.pdf", "attachments": ["/發文/附件一.txt"], "documentNumber": "數位字第1150000001號",
                         "date": "2026-12-07", "urgency": "URGENT", "level": "secret", "recipients": ["376430000A"],
                         "subject": "檢送遠距辦公試辦計畫一份，請查照。"}""")));
        assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
        String dispatchId = AbstractWorkspaceIT.JSON.readTree(dispatched.body()).get("dispatchId").asText();

        ExchangeDispatch.Outgoing sent = awaitOutgoing(ministry, "數位字第1150000001號", CODE_T);
        assertThat(sent.status()).as(String.valueOf(sent.lastError())).isEqualTo("RECEIVED");
        assertThat(sent.acknowledgedAt()).isNotNull();
        ExchangeInbox.Incoming received = incoming(agency, "數位字第1150000001號", "RECEIVED");
        assertThat(received.channel()).isEqualTo("HTTPS");
        assertThat(received.level()).isEqualTo("secret");
        FilePath filed = FilePath.of(received.folder()).resolve("計畫.pdf");
        assertThat(filed.toString()).isEqualTo("/收文/A12345/數位字第1150000001號/計畫.pdf");
        StoredFile document = agency.getBean(FileStore.class).stat(filed).orElseThrow();
        try (var in = agency.getBean(FileStore.class).open(filed)) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(agency.getBean(FileLabels.class).effective(document).label().level()).isEqualTo("secret");
        assertThat(agency.getBean(FileStore.class).stat(FilePath.of(received.folder()).resolve("附件一.txt"))).isPresent();
        assertThat(agency.getBean(Approvals.class).pendingFor("alice"))
                .anySatisfy(task -> {
                    assertThat(task.id()).isEqualTo(received.task());
                    assertThat(task.kind()).isEqualTo(ExchangeInbox.TASK_KIND);
                });
        assertThat(agency.getBean(AuditTrail.class).recent(new AuditQuery(null, "exchange.receive",
                Long.toString(received.id()), 5))).isNotEmpty();

        JsonNode status = AbstractWorkspaceIT.JSON.readTree(alice.get(ministryUri("/api/exchange")).body());
        assertThat(status.get("outgoing").toString()).contains("數位字第1150000001號", "RECEIVED");
        assertThat(alice.get(ministryUri("/exchange")).html().select("#exchange-outgoing li[data-status=RECEIVED]").text())
                .contains("數位字第1150000001號");

        // The same package tampered with, delivered with the ministry's own TLS certificate: refused, nothing filed.
        Map<String, byte[]> entries = entries(ExchangeTestAccess.dispatched(ministry, dispatchId));
        entries.get("計畫.pdf")[pdf.length / 2] ^= 0x20;
        byte[] tampered = zip(entries);
        List<String> before = filesUnder(agency, "/收文");
        HttpResponse<byte[]> refused = postToInbox(tampered, client(ministryTls));
        assertThat(refused.statusCode()).isEqualTo(422);
        ExchangeAcknowledgement refusal = ExchangeTestAccess.acknowledgements(ministry).read(refused.body()).acknowledgement();
        assertThat(refusal.outcome()).isEqualTo(ExchangeAcknowledgement.Outcome.REFUSED);
        assertThat(refusal.reason()).isEqualTo("TAMPERED");
        assertThat(filesUnder(agency, "/收文")).isEqualTo(before);
    }

    @Test
    void theInboxNeedsTheSendersOwnClientCertificateOnItsOwnPort() throws Exception {
        byte[] genuine = ExchangeTestAccess.pack(ministry, metadata(CODE_M, "數位字第1150000009號", "普通"), pdf, Map.of());
        List<String> before = filesUnder(agency, "/收文");

        assertThatThrownBy(() -> postToInbox(genuine, client(null))).isInstanceOf(IOException.class);
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agencyPort + "/exchange/inbox"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(genuine)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(403);
        HttpResponse<String> elsewhere = client(ministryTls).send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + agencyInbox + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).as("the inbox port serves the inbox only").isEqualTo(404);

        Path impostor = tlsCa.issue("冒名機關", base.resolve("tls/impostor.p12"), TLS_PASSWORD);
        HttpResponse<byte[]> mismatch = postToInbox(genuine, client(impostor));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(ExchangeTestAccess.acknowledgements(ministry).read(mismatch.body()).acknowledgement().reason())
                .isEqualTo("TLS_CLIENT_MISMATCH");
        assertThat(filesUnder(agency, "/收文")).isEqualTo(before);
        assertThat(agency.getBean(AuditTrail.class).recent(new AuditQuery("exchange:unknown", "exchange.receive", null, 5)))
                .isNotEmpty();
    }

    @Test
    void theGatewayFolderCarriesPackagesAndAcknowledgementsAndRefusalsComeBackSigned() throws Exception {
        ExchangeDispatch dispatch = agency.getBean(ExchangeDispatch.class);
        dispatch.dispatch(outgoing("測字第1150000100號", "secret", "第一版"), ALICE);
        ExchangeDispatch.Outgoing first = awaitOutgoing(agency, "測字第1150000100號", CODE_M);
        assertThat(first.status()).isEqualTo("RECEIVED");
        ExchangeInbox.Incoming filed = incoming(ministry, "測字第1150000100號", "RECEIVED");
        assertThat(filed.channel()).isEqualTo("FOLDER");
        assertThat(ministry.getBean(FileStore.class).stat(FilePath.of(filed.folder()).resolve("公文.pdf"))).isPresent();

        List<String> before = filesUnder(ministry, "/收文");
        dispatch.dispatch(outgoing("測字第1150000100號", "secret", "第二版"), ALICE);
        ExchangeDispatch.Outgoing duplicate = awaitOutgoing(agency, "測字第1150000100號", CODE_M);
        assertThat(duplicate.status()).isEqualTo("REFUSED");
        assertThat(duplicate.reason()).isEqualTo("DUPLICATE");

        WorkspaceUser cleared = new WorkspaceUser("carol", "Carol", List.of("staff"), List.of("general-affairs"),
                "confidential");
        dispatch.dispatch(outgoing("測字第1150000101號", "confidential", "機密"), cleared);
        ExchangeDispatch.Outgoing above = awaitOutgoing(agency, "測字第1150000101號", CODE_M);
        assertThat(above.status()).isEqualTo("REFUSED");
        assertThat(above.reason()).isEqualTo("ABOVE_ALLOWED_LEVEL");
        assertThat(filesUnder(ministry, "/收文")).isEqualTo(before);
        assertThat(Files.list(base.resolve("gateway/.done")).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aClerkBelowTheLevelSeesNoSubjectAndOthersAreRefused() throws Exception {
        ExchangeDispatch dispatch = agency.getBean(ExchangeDispatch.class);
        dispatch.dispatch(outgoing("測字第1150000200號", "secret", "不可外流的主旨"), ALICE);
        incoming(ministry, "測字第1150000200號", "RECEIVED");
        WorkspaceUser unclearedClerk = new WorkspaceUser("gina", "Gina", List.of("staff"), List.of("general-affairs"),
                "unmarked");

        assertThat(ExchangeTestAccess.incomingAs(ministry, unclearedClerk).toString()).doesNotContain("不可外流的主旨")
                .contains("測字第1150000200號");
        assertThat(ExchangeTestAccess.incomingAs(ministry, ALICE).toString()).contains("不可外流的主旨");
        BrowserSession erin = new BrowserSession("en");
        new LocalLogins(ministryUri("/"), AbstractWorkspaceIT.PASSWORD, base.resolve("m/data")).signIn(erin, "erin");
        assertThat(erin.get(ministryUri("/api/exchange")).status()).isEqualTo(403);
        assertThatThrownBy(() -> ExchangeTestAccess.dispatchFromFiles(ministry, new ExchangeDesk.DispatchRequest(
                "/發文/計畫.pdf", List.of(), "數位字第9號", LocalDate.now(), Urgency.ORDINARY, "unmarked", List.of(CODE_T), "主旨"),
                new WorkspaceUser("erin", "Erin", List.of("staff"), List.of("personnel"), "unmarked")))
                .hasMessageContaining("registry clerks");
    }

    /**
     * Seeded damage to a genuine package (bit flips, truncation, entries swapped, added or replaced)
     * and a package in an unknown sender's name: every one is refused, and nothing is filed.
     * {@code -Dfuzz.seed=S} replays a run.
     */
    @Test
    void everyDamagedPackageIsRefusedAndNothingFiled() throws Exception {
        byte[] genuine = ExchangeTestAccess.pack(ministry, metadata(CODE_M, "數位字第1150000300號", "普通"), pdf,
                Map.of("附件.txt", "附件".getBytes(StandardCharsets.UTF_8)));
        ExchangeInbox inbox = agency.getBean(ExchangeInbox.class);
        assertThat(inbox.receive(genuine, ExchangeInbox.Channel.FOLDER, Optional.empty()).outcome())
                .isEqualTo(ExchangeAcknowledgement.Outcome.RECEIVED);
        List<String> before = filesUnder(agency, "/收文");
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("fuzz.count", 24); i++) {
            byte[] damaged = switch (i % 5) {
                case 0 -> flip(genuine, random);
                case 1 -> java.util.Arrays.copyOf(genuine, random.nextInt(genuine.length));
                case 2 -> rezip(genuine, random, "swap");
                case 3 -> rezip(genuine, random, "add");
                default -> rezip(genuine, random, "replace");
            };
            ExchangeInbox.Answer answer = inbox.receive(damaged, ExchangeInbox.Channel.FOLDER, Optional.empty());
            assertThat(answer.outcome()).as("seed %d case %d", seed, i).isEqualTo(ExchangeAcknowledgement.Outcome.REFUSED);
            refusals.add(ExchangeTestAccess.acknowledgements(agency).read(answer.acknowledgement()).acknowledgement().reason());
        }
        byte[] stranger = ExchangeTestAccess.pack(ministry, metadata("999999999Z", "數位字第1150000301號", "普通"), pdf, Map.of());
        ExchangeInbox.Answer unknown = inbox.receive(stranger, ExchangeInbox.Channel.FOLDER, Optional.empty());
        assertThat(ExchangeTestAccess.acknowledgements(agency).read(unknown.acknowledgement()).acknowledgement().reason())
                .isEqualTo("UNKNOWN_SENDER");
        assertThat(filesUnder(agency, "/收文")).as("seed %d: %s", seed, refusals).isEqualTo(before);
        assertThat(agency.getBean(AuditTrail.class).recent(new AuditQuery(null, "exchange.receive", null, 200)).stream()
                .filter(event -> event.outcome() == org.agencyworkspace.platform.audit.AuditEvent.Outcome.FAILURE).count())
                .isGreaterThanOrEqualTo(refusals.size() + 1);
    }

    private static OutgoingDocument outgoing(String number, String level, String subject) {
        return new OutgoingDocument(pdf, "公文.pdf", Map.of(), number, LocalDate.of(2026, 12, 7), Urgency.ORDINARY, level,
                List.of(CODE_M), subject);
    }

    private static ExchangeMetadata metadata(String sender, String number, String level) {
        return new ExchangeMetadata(new Party(sender, AGENCY_M), number, LocalDate.of(2026, 12, 7), Urgency.ORDINARY,
                level, List.of(new Party(CODE_T, AGENCY_T)), "測試主旨", "公文.pdf",
                number.endsWith("300號") ? List.of("附件.txt") : List.of());
    }

    private static LabelRequest secret(String what) {
        return new LabelRequest("secret", "發文 " + what, null, null, "發文後解密", false, List.of(), List.of("general-affairs"));
    }

    private static ExchangeDispatch.Outgoing awaitOutgoing(ConfigurableApplicationContext workspace, String number,
            String recipient) {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> workspace.getBean(ExchangeDispatch.class)
                .recent(50).stream().filter(row -> row.documentNumber().equals(number) && row.recipient().equals(recipient))
                .findFirst().orElse(null), row -> row != null && (row.status().equals("RECEIVED") || row.status().equals("REFUSED")));
    }

    private static ExchangeInbox.Incoming incoming(ConfigurableApplicationContext workspace, String number, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> workspace.getBean(ExchangeInbox.class)
                .recent(100).stream().filter(row -> row.documentNumber().equals(number) && row.status().equals(status))
                .findFirst().orElse(null), row -> row != null);
    }

    private static List<String> filesUnder(ConfigurableApplicationContext workspace, String folder) {
        FileStore store = workspace.getBean(FileStore.class);
        List<String> found = new ArrayList<>();
        List<FilePath> pending = new ArrayList<>(List.of(FilePath.of(folder)));
        while (!pending.isEmpty()) {
            for (StoredFile file : store.list(pending.remove(0))) {
                if (file.folder()) {
                    pending.add(file.path());
                } else {
                    found.add(file.path() + " " + file.etag());
                }
            }
        }
        return found.stream().sorted().toList();
    }

    private static HttpResponse<byte[]> postToInbox(byte[] body, HttpClient client) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + agencyInbox + "/exchange/inbox"))
                .header("Content-Type", "application/vnd.etsi.asic-e+zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A client trusting the test TLS CA, presenting {@code keyStore} (none when null). */
    private static HttpClient client(Path keyStore) throws Exception {
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore anchors = java.security.KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", tlsCa.certificate());
        trust.init(anchors);
        javax.net.ssl.KeyManager[] keys = null;
        if (keyStore != null) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                store.load(in, TLS_PASSWORD.toCharArray());
            }
            javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, TLS_PASSWORD.toCharArray());
            keys = factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        int at = random.nextInt(copy.length);
        copy[at] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    /** The container's entries rewritten: two swapped in content, one added, or one replaced. */
    private static byte[] rezip(byte[] bytes, Random random, String how) throws IOException {
        Map<String, byte[]> entries = entries(bytes);
        List<String> names = new ArrayList<>(entries.keySet());
        names.remove("mimetype");
        String one = names.get(random.nextInt(names.size()));
        switch (how) {
            case "swap" -> {
                String other = names.stream().filter(name -> !name.equals(one)).toList()
                        .get(random.nextInt(names.size() - 1));
                byte[] kept = entries.get(one);
                entries.put(one, entries.get(other));
                entries.put(other, kept);
            }
            case "add" -> entries.put(random.nextBoolean() ? "extra-" + random.nextInt(1000) + ".pdf"
                    : "META-INF/extra.xml", "<x/>".getBytes(StandardCharsets.UTF_8));
            default -> {
                byte[] changed = entries.get(one).clone();
                changed[random.nextInt(changed.length)] ^= 0x01;
                entries.put(one, changed);
            }
        }
        return zip(entries);
    }

    private static Map<String, byte[]> entries(byte[] container) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(container))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** A container again: {@code mimetype} first and stored, as ASiC requires, the rest deflated. */
    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry next = new ZipEntry(entry.getKey());
                if (entry.getKey().equals("mimetype")) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(entry.getValue());
                    next.setMethod(ZipEntry.STORED);
                    next.setSize(entry.getValue().length);
                    next.setCrc(crc.getValue());
                }
                zip.putNextEntry(next);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** As command-line arguments: they win over application.yaml's defaults, as the ITs' dynamic properties do. */
    private static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    private static Map<String, Object> common(Path folder, int port, String agencyName) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("workspace.data-dir", folder.resolve("data").toString());
        properties.put("workspace.log-dir", folder.resolve("logs").toString());
        properties.put("workspace.routes.folder", folder.resolve("routes").toString());
        properties.put("workspace.messaging.poll-interval", "200ms");
        properties.put("workspace.retry.initial-delay", "10ms");
        properties.put("workspace.security.local.initial-password", AbstractWorkspaceIT.PASSWORD);
        properties.put("server.port", port);
        properties.put("workspace.public-url", "http://127.0.0.1:" + port);
        properties.put("workspace.signing.ca-passphrase", "ca passphrase of " + agencyName);
        properties.put("workspace.signing.agency", agencyName);
        properties.put("camel.main.name", "exchange-" + port);
        properties.put("spring.jmx.enabled", false);
        return properties;
    }

    /** The agency CA made before start, so the other workspace can be given its certificate as an anchor. */
    private static Path agencyCa(Path folder, String agencyName, int port) throws Exception {
        AgencyCa ca = AgencyCa.create(agencyName, Instant.now().plus(Duration.ofDays(365)),
                URI.create("http://127.0.0.1:" + port + AgencyAuthority.CRL_PATH), Clock.systemUTC());
        Path file = folder.resolve("data/signing/agency-ca.p12");
        Files.createDirectories(file.getParent());
        Files.createDirectories(folder.resolve("routes"));
        Files.write(file, ca.toPkcs12(("ca passphrase of " + agencyName).toCharArray()));
        return ExchangeTestAccess.pem(ca.certificate(), folder.resolve("agency-ca.pem"));
    }

    private static URI ministryUri(String path) {
        return URI.create("http://127.0.0.1:" + ministryPort + path);
    }
}
