package org.agencyworkspace.reviews;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.config.KeycloakProperties;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.mail.MailSender;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.connector.signing.PdfSigner;
import org.agencyworkspace.connector.signing.SignatureValidator;
import org.agencyworkspace.connector.documents.TextPdf;
import org.agencyworkspace.officialdocs.flow.DocumentSigning;
import org.agencyworkspace.officialdocs.flow.OfficialDocumentsProperties;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.agencyworkspace.security.stepup.StepUp;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.files.delivery.CopyMarker;
import org.agencyworkspace.files.delivery.WatermarkProperties;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.officialdocs.SigningProperties;
import org.agencyworkspace.officialdocs.SigningSetup;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.local.SecretBox;
import org.agencyworkspace.security.local.TotpCodes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the review services. Guests' TOTP secrets are sealed with the workspace key the local
 * accounts use, in either sign-in mode: guests never sign in through Keycloak's staff realm; with
 * {@code workspace.reviews.keycloak.realm} they have accounts in a guest realm of their own.
 */
@Configuration(proxyBeanMethods = false)
class ReviewsConfiguration {

    @Bean
    ReviewGuests reviewGuests(JdbcClient jdbc, ReviewsProperties properties, SecurityProperties security,
            WorkspaceProperties workspace, AuditTrail audit, EventPublisher events, Clock clock) {
        Path keyFile = security.local().keyFile() != null ? security.local().keyFile()
                : workspace.dataDir().resolve("workspace.key");
        return new ReviewGuests(jdbc, properties, new TotpCodes(clock, security.local().totpIssuer()),
                SecretBox.fromKeyFile(keyFile), audit, events, clock);
    }

    @Bean
    Reviews reviews(JdbcClient jdbc, ReviewsProperties properties, ReviewGuests guests,
            StaffDirectory directory, ClassificationScheme scheme, Approvals approvals, Messenger messenger,
            AuditTrail audit, EventPublisher events, WorkspaceProperties workspace, Clock clock) {
        return new Reviews(jdbc, properties, guests, directory, scheme, approvals, messenger, audit, events,
                workspace, clock);
    }

    @Bean
    @ConditionalOnExpression("'${workspace.mail.host:}' != ''")
    GuestMail guestMail(JdbcClient jdbc, ReviewGuests guests, Reviews reviews, MailSender sender,
            NotificationTemplates templates, Messenger messenger, ReviewsProperties properties,
            WorkspaceProperties workspace, AuditTrail audit, EventPublisher events, Clock clock) {
        return new GuestMail(jdbc, guests, reviews, sender, templates, messenger, properties, workspace, audit,
                events, clock);
    }

    @Bean
    @ConditionalOnExpression("'${workspace.mail.host:}' != ''")
    GuestMailRoutes guestMailRoutes(ReviewsProperties properties, GuestMail mail) {
        return new GuestMailRoutes(properties, mail);
    }

    /**
     * Guests' accounts in Keycloak's guest realm, through an admin client of that realm's own
     * service account, built here once. It is not a {@code KeycloakAdmin} bean on purpose: staff
     * provisioning and the staff realm's event source take that bean, and must never reach guests.
     */
    @Bean
    @ConditionalOnExpression("'${workspace.reviews.keycloak.realm:}' != ''")
    GuestAccounts guestAccounts(JdbcClient jdbc, ReviewGuests guests, ReviewsProperties properties,
            KeycloakProperties keycloak, AuditTrail audit, EventPublisher events, Clock clock) {
        ReviewsProperties.GuestRealm realm = properties.keycloak();
        if (!keycloak.isConfigured()) {
            throw new IllegalStateException("workspace.reviews.keycloak.realm is set but"
                    + " workspace.connectors.keycloak.base-url is not: the guest realm lives on that Keycloak");
        }
        if (realm.realm().equals(keycloak.realm())) {
            throw new IllegalStateException("workspace.reviews.keycloak.realm must not be the staff realm ("
                    + keycloak.realm() + "): guests live apart from staff");
        }
        KeycloakAdmin admin = KeycloakAdmin.builder()
                .baseUrl(keycloak.baseUrl())
                .realm(realm.realm())
                .serviceAccount(realm.serviceAccountClientId(), realm.serviceAccountClientSecret())
                .connectTimeout(keycloak.connectTimeout())
                .requestTimeout(keycloak.requestTimeout())
                .build();
        return new GuestAccounts(jdbc, guests, admin, realm, audit, events, clock);
    }

    @Bean
    @ConditionalOnExpression("'${workspace.reviews.keycloak.realm:}' != ''")
    GuestAccountRoutes guestAccountRoutes(ReviewsProperties properties, GuestAccounts accounts) {
        return new GuestAccountRoutes(properties.keycloak(), accounts);
    }

    @Bean
    @ConditionalOnExpression("'${workspace.reviews.keycloak.realm:}' != ''")
    GuestSignOn guestSignOn(ReviewsProperties properties, KeycloakProperties keycloak, GuestAccounts accounts,
            ReviewGuests guests, AuditTrail audit) {
        return new GuestSignOn(keycloak.baseUrl(), properties.keycloak(), accounts, guests, audit);
    }

    @Bean
    ReviewMaterials reviewMaterials(Reviews reviews, FileStore store, ObjectProvider<CopyMarker> watermarker,
            CopyRegister register, ClassificationScheme scheme, AuditTrail audit, Clock clock) {
        return new ReviewMaterials(reviews, store, watermarker, register, scheme, audit, clock);
    }

    /**
     * Seals closing records with the agency's review-records seal when the agency CA runs; the
     * seal's key is kept in custody under {@code <data-dir>/signing/seals}, protected by the CA's
     * passphrase, and issued at start when missing or about to expire.
     */
    @Bean
    ReviewRecordSeals reviewRecordSeals(Reviews reviews, SigningSetup signing, SigningProperties signingProperties,
            WorkspaceProperties workspace, WatermarkProperties watermark, JdbcClient jdbc, AuditTrail audit,
            EventPublisher events, Clock clock) {
        Optional<ReviewRecordSeals.Sealer> sealer = signing.authority().map(authority -> {
            CertificateChecks checks = new CertificateChecks(List.of(authority.certificate()), clock);
            CjkFont font = font(watermark);
            ReviewRecordSeals.Sealer seal = new ReviewRecordSeals.Sealer(authority.ca(),
                    new KeyCustody(new DirectoryCustodyStore(workspace.dataDir().resolve("signing").resolve("seals")),
                            new LockoutPolicy(5, Duration.ofMinutes(15)), checks, clock),
                    new PdfSigner(checks, Optional.empty(), workspace.timeZone(), font),
                    signingProperties.caPassphrase().toCharArray(), signingProperties.agency());
            ReviewRecordSeals.ensureSeal(seal, clock, audit);
            return seal;
        });
        return new ReviewRecordSeals(reviews, sealer, jdbc, audit, events, clock);
    }

    /**
     * Members' own signatures on the record when the agency CA runs: staff keys from the 簽辦
     * flow's custody ({@code <data-dir>/signing/custody}, its lockout), guests' review
     * certificates under {@code <data-dir>/signing/review-guests}; checked against the workspace's
     * trust anchors (the agency CA and any configured roots).
     */
    @Bean
    ReviewRecordSignatures reviewRecordSignatures(Reviews reviews, ReviewRecordSeals seals, SigningSetup signing,
            OfficialDocumentsProperties documents, DocumentSigning documentSigning, WorkspaceProperties workspace,
            WatermarkProperties watermark, JdbcClient jdbc, IncidentStore incidents, StepUp stepUp, AuditTrail audit,
            EventPublisher events, Clock clock) {
        Optional<ReviewRecordSignatures.Signing> with = signing.authority().flatMap(authority -> signing.checks()
                .flatMap(checks -> documentSigning.peopleKeys().map(staffKeys -> {
                    LockoutPolicy lockout = new LockoutPolicy(documents.lockoutAttempts(), documents.lockoutDuration());
                    Path folder = workspace.dataDir().resolve("signing");
                    return new ReviewRecordSignatures.Signing(authority.ca(), staffKeys,
                            new KeyCustody(new DirectoryCustodyStore(folder.resolve("review-guests")), lockout, checks,
                                    clock),
                            new PdfSigner(checks, Optional.empty(), workspace.timeZone(), font(watermark)),
                            new SignatureValidator(checks));
                })));
        TextPdf writer = ReviewsApi.writer(watermark);
        return new ReviewRecordSignatures(reviews, seals, with,
                record -> ReviewRecords.signable(record.review(), record.result(), writer, workspace.timeZone()),
                jdbc, incidents, stepUp, audit, events, clock);
    }

    private static CjkFont font(WatermarkProperties watermark) {
        return watermark.fontFile() != null ? new CjkFont(watermark.fontFile(), watermark.fontFace())
                : CjkFont.firstInstalled();
    }
}
