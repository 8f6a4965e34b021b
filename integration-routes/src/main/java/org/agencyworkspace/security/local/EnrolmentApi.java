package org.agencyworkspace.security.local;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators issue a person a new one-time enrolment code: when the first one expired, or
 * to set up a new device after a lost one (the old authenticator stops working at once). The
 * code is in this answer only; the administrator hands it to the person.
 */
@RestController
@RequestMapping("/api/admin/accounts")
@Tag(name = "Local accounts")
@ConditionalOnProperty(name = "workspace.security.mode", havingValue = "local", matchIfMissing = true)
public class EnrolmentApi {

    private final LocalAccounts accounts;
    private final EnrolmentCodes codes;
    private final AuditTrail audit;

    public EnrolmentApi(LocalAccounts accounts, EnrolmentCodes codes, AuditTrail audit) {
        this.accounts = accounts;
        this.codes = codes;
        this.audit = audit;
    }

    @PostMapping("/{login}/enrolment-code")
    @Operation(summary = "Forget the person's authenticator and issue a one-time enrolment code")
    @Transactional
    public ResponseEntity<?> issue(@PathVariable String login) {
        String admin = CurrentUser.loginOrAnonymous();
        if (accounts.find(login).isEmpty()) {
            audit.record(AuditEvent.of("mfa.enrolment-code", "iam").actor(admin, admin)
                    .failure("no such local account").target("account", login).build());
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "no local account " + login));
        }
        accounts.forgetTotp(login);
        EnrolmentCodes.Issued issued = codes.issue(login).orElseThrow();
        audit.record(AuditEvent.of("mfa.enrolment-code", "iam").actor(admin, admin)
                .target("account", login)
                .details(Map.of("expiresAt", issued.expiresAt().toString()))
                .build());
        return ResponseEntity.ok(Map.of("login", login, "enrolmentCode", issued.code(),
                "expiresAt", issued.expiresAt().toString()));
    }
}
