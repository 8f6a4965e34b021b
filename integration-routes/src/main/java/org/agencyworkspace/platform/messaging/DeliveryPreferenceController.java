package org.agencyworkspace.platform.messaging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Each person chooses where their own messages go (chat, mail or inbox), on a page and over the
 * API. Only ever for the signed-in person: there is no login parameter to name someone else.
 * Every change and every refusal is audited.
 */
@Controller
@Tag(name = "Notifications")
public class DeliveryPreferenceController {

    /**
     * What the caller sees and may choose.
     *
     * @param preference where their messages go now
     * @param offered the choices this deployment offers
     * @param mailAddress the address mail would go to; null when none is known
     */
    public record PreferenceView(String preference, List<String> offered, String mailAddress) {
    }

    /** @param preference {@code chat}, {@code inbox} or {@code mail} */
    public record PreferenceChange(String preference) {
    }

    private final DeliveryPreferences preferences;
    private final AuditTrail audit;
    private final JdbcClient jdbc;

    public DeliveryPreferenceController(DeliveryPreferences preferences, AuditTrail audit,
            JdbcClient jdbc) {
        this.preferences = preferences;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping("/settings/notifications")
    public String page(Model model) {
        model.addAttribute("view", view(login()));
        return "notifications";
    }

    @PostMapping("/settings/notifications")
    public String choose(@RequestParam String preference, HttpServletRequest http) {
        change(login(), preference, http);
        return "redirect:/settings/notifications?saved";
    }

    @GetMapping("/api/me/notifications")
    @ResponseBody
    @Operation(summary = "Where the caller's messages go and what they may choose")
    public PreferenceView get() {
        return view(login());
    }

    @PutMapping("/api/me/notifications")
    @ResponseBody
    @Operation(summary = "Choose where the caller's messages go: chat, inbox or mail")
    public PreferenceView put(@RequestBody PreferenceChange change, HttpServletRequest http) {
        String login = login();
        change(login, change == null ? null : change.preference(), http);
        return view(login);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseBody
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private void change(String login, String requested, HttpServletRequest http) {
        AuditEvent.Builder event = AuditEvent.of("messaging.preference.change", "configuration")
                .actor(login, login).target("delivery-preference", login)
                .source(http.getRemoteAddr(), http.getHeader("User-Agent"));
        DeliveryPreference preference;
        try {
            preference = parse(requested);
            preferences.choose(login, preference);
        } catch (IllegalArgumentException e) {
            audit.record(event.failure(e.getMessage()).build());
            throw e;
        }
        audit.record(event.details(Map.of("preference", preference.name().toLowerCase(Locale.ROOT)))
                .build());
    }

    private static DeliveryPreference parse(String requested) {
        if (requested == null) {
            throw new IllegalArgumentException("preference required: chat, inbox or mail");
        }
        for (DeliveryPreference candidate : DeliveryPreference.values()) {
            if (candidate.name().equalsIgnoreCase(requested.strip())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("preference must be chat, inbox or mail");
    }

    private PreferenceView view(String login) {
        String address = jdbc.sql("SELECT email FROM local_account WHERE username = :login")
                .param("login", login).query(String.class).list().stream()
                .filter(email -> email != null && !email.isBlank()).findFirst().orElse(null);
        return new PreferenceView(preferences.effective(login).name().toLowerCase(Locale.ROOT),
                preferences.offered().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList(),
                address);
    }

    private static String login() {
        return CurrentUser.get().orElseThrow().login();
    }
}
