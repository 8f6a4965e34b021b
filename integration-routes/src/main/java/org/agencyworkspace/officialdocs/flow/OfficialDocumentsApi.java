package org.agencyworkspace.officialdocs.flow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.web.Attachments;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The 簽辦 flow over HTTP, the same actions as the page. Signing and issuing a certificate need a
 * fresh step-up (the workspace's step-up rule, answered by its challenge); refusals are problem
 * documents with a {@code reason}.
 */
@RestController
@Tag(name = "Official documents")
class OfficialDocumentsApi {

    /** The person's work: steps waiting for them, and what they drafted. */
    record Work(List<OfficialDocuments.QueueItem> queue, List<OfficialDocuments.Document> drafted) {
    }

    record SignRequest(String passphrase, String seenSha256) {
    }

    record ReturnRequest(String reason) {
    }

    record CertificateRequest(String passphrase) {
    }

    private final OfficialDocuments documents;
    private final OfficialDocumentRegister register;

    OfficialDocumentsApi(OfficialDocuments documents, OfficialDocumentRegister register) {
        this.documents = documents;
        this.register = register;
    }

    @PostMapping("/api/official-documents")
    @Operation(summary = "Draft a 簽 (SIGN) or 函 (LETTER): level, urgency, subject, body, co-signing departments,"
            + " attachments (Files paths, checked against your clearance)")
    ResponseEntity<OfficialDocuments.Document> create(@RequestBody OfficialDocuments.Draft draft) {
        OfficialDocuments.Document document = documents.create(draft, user());
        return ResponseEntity.created(URI.create("/api/official-documents/" + document.id())).body(document);
    }

    @GetMapping("/api/official-documents")
    @Operation(summary = "Your work queue (steps waiting for you, most urgent first) and your drafts")
    Work work() {
        WorkspaceUser user = user();
        return new Work(documents.queueOf(user), documents.draftedBy(user));
    }

    @GetMapping("/api/official-documents/{id}")
    @Operation(summary = "One document with its steps and attachments; 404 unless you have a part in it and the clearance")
    OfficialDocuments.Document get(@PathVariable long id) {
        return documents.get(id, user());
    }

    @PutMapping("/api/official-documents/{id}")
    @Operation(summary = "The drafter changes a draft or returned document")
    OfficialDocuments.Document revise(@PathVariable long id, @RequestBody OfficialDocuments.Draft draft) {
        return documents.revise(id, draft, user());
    }

    @PostMapping("/api/official-documents/{id}/submit")
    @Operation(summary = "Send to review (核稿) in a new round")
    OfficialDocuments.Document submit(@PathVariable long id) {
        return documents.submit(id, user());
    }

    @PostMapping("/api/official-documents/{id}/sign")
    @Operation(summary = "Sign the step waiting for you with your certificate: your passphrase, the SHA-256 of the"
            + " PDF you read (pdfSha256), and a fresh step-up")
    OfficialDocuments.Document sign(@PathVariable long id, @RequestBody SignRequest request) {
        return documents.sign(id, request.passphrase() == null ? null : request.passphrase().toCharArray(),
                request.seenSha256(), user());
    }

    @PostMapping("/api/official-documents/{id}/return")
    @Operation(summary = "Return to the drafter for changes (退回), with a reason")
    OfficialDocuments.Document returnForChanges(@PathVariable long id, @RequestBody ReturnRequest request) {
        return documents.returnForChanges(id, request.reason(), user());
    }

    @GetMapping("/api/official-documents/{id}/pdf")
    @Operation(summary = "The current PDF: the signed original of an unmarked document; for a labelled one a"
            + " redirect (303) to Files, which serves a watermarked, registered viewing copy")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        WorkspaceUser user = user();
        Optional<FilePath> labelled = documents.labelledCopy(id, user);
        if (labelled.isPresent()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(UriComponentsBuilder.fromPath("/files/content")
                    .queryParam("path", labelled.get().toString()).queryParam("kind", "preview").encode().build()
                    .toUri()).build();
        }
        OfficialDocuments.Document document = documents.get(id, user);
        return Attachments.download(documents.original(id, user), MediaType.APPLICATION_PDF,
                document.number() + ".pdf");
    }

    @GetMapping("/api/official-documents/register.csv")
    @Operation(summary = "The register (公文登記簿) as CSV, for the register role")
    ResponseEntity<byte[]> registerCsv() {
        return Attachments.download(register.csv(user()).getBytes(StandardCharsets.UTF_8),
                new MediaType("text", "csv", StandardCharsets.UTF_8), "official-documents.csv");
    }

    @GetMapping("/api/official-documents/register.xlsx")
    @Operation(summary = "The register as XLSX")
    ResponseEntity<byte[]> registerXlsx() {
        return Attachments.download(register.xlsx(user()),
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                "official-documents.xlsx");
    }

    @GetMapping("/api/official-documents/certificate")
    @Operation(summary = "Your signing certificate in custody; 404 when you have none")
    ResponseEntity<OfficialDocuments.X509View> certificate() {
        return ResponseEntity.of(documents.certificateOf(user()));
    }

    @PostMapping(path = "/api/official-documents/certificate/import", consumes = "multipart/form-data")
    @Operation(summary = "Bring your own signing certificate and key (PKCS#12 issued elsewhere, chaining to a"
            + " configured trust anchor, naming you) into key custody under its passphrase (step-up needed)")
    OfficialDocuments.X509View importCertificate(@RequestParam("file") MultipartFile file,
            @RequestParam("passphrase") String passphrase) throws java.io.IOException {
        return documents.importCertificate(file.getBytes(), passphrase.toCharArray(), user());
    }

    @PostMapping("/api/official-documents/certificate")
    @Operation(summary = "Have the agency CA issue you a signing certificate under your passphrase (step-up needed)")
    OfficialDocuments.X509View issue(@RequestBody CertificateRequest request) {
        return documents.issueCertificate(request.passphrase() == null ? null : request.passphrase().toCharArray(),
                user());
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow();
    }
}
