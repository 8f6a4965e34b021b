package org.agencyworkspace.push;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.AccessChanged;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * A device stops receiving pushes when its person signs out on it, and every device of a person
 * whose account is disabled or gone does. The devices a browser session subscribed are kept in
 * that session (so a changed session id after a step-up still finds them); signing out forgets
 * them before the session ends. A device subscribed over the API with a token has no session and
 * stays until it is removed.
 */
@Component
public class PushSignOut implements LogoutHandler {

    /** The session attribute listing the subscriptions made in that session. */
    static final String SESSION_DEVICES = PushSignOut.class.getName() + ".devices";

    private final PushSubscriptions subscriptions;
    private final StaffDirectory directory;
    private final AuditTrail audit;

    public PushSignOut(PushSubscriptions subscriptions, StaffDirectory directory, AuditTrail audit) {
        this.subscriptions = subscriptions;
        this.directory = directory;
        this.audit = audit;
    }

    /** Notes that the signed-in session of {@code http} subscribed the device {@code id}. */
    static void subscribedIn(HttpServletRequest http, String id) {
        HttpSession session = http == null ? null : http.getSession(false);
        if (session == null) {
            return;
        }
        synchronized (session) {
            List<String> ids = devicesOf(session);
            ids.add(id);
            session.setAttribute(SESSION_DEVICES, (Serializable) ids);
        }
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        List<String> ids = devicesOf(session);
        session.removeAttribute(SESSION_DEVICES);
        String login = authentication == null ? null : authentication.getName();
        for (String id : ids) {
            if (subscriptions.forget(id) && login != null) {
                audit.record(AuditEvent.of("push.subscription.remove", "push").actor(login, login)
                        .target("push-subscription", id).details(Map.of("why", "signed out"))
                        .build());
            }
        }
    }

    /** A person disabled or gone from the directory gets no more pushes on any device. */
    @EventListener
    public void accessChanged(AccessChanged changed) {
        boolean active = directory.find(changed.login()).filter(StaffDirectory.StaffMember::enabled)
                .isPresent();
        if (active) {
            return;
        }
        int forgotten = subscriptions.forgetAll(changed.login());
        if (forgotten > 0) {
            audit.record(AuditEvent.of("push.subscription.remove", "push")
                    .target("person", changed.login())
                    .details(Map.of("why", "account disabled or gone",
                            "devices", Integer.toString(forgotten)))
                    .build());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> devicesOf(HttpSession session) {
        Object kept = session.getAttribute(SESSION_DEVICES);
        return kept instanceof List<?> list ? new ArrayList<>((List<String>) list) : new ArrayList<>();
    }
}
