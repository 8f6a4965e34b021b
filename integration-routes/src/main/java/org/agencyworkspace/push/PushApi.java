package org.agencyworkspace.push;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.agencyworkspace.push.PushDevices.PushView;
import org.agencyworkspace.push.PushDevices.Settings;
import org.agencyworkspace.push.PushDevices.Subscribed;
import org.agencyworkspace.push.PushDevices.SubscriptionRequest;
import org.agencyworkspace.push.PushDevices.Unsubscribe;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's push devices and settings over the API. Only ever the signed-in person's: there is
 * no login parameter to name someone else. Refusals are RFC 9457 problems.
 */
@RestController
@Tag(name = "Notifications")
public class PushApi {

    private final PushDevices devices;

    public PushApi(PushDevices devices) {
        this.devices = devices;
    }

    @GetMapping("/api/push")
    @Operation(summary = "The caller's push devices, the notices they want pushed, and the key to subscribe with")
    public PushView get() {
        return devices.view(login());
    }

    @PutMapping("/api/push/settings")
    @Operation(summary = "Choose which notices are pushed: approvals, reminders, incidents")
    public PushView put(@RequestBody Settings settings, HttpServletRequest http) {
        String login = login();
        devices.want(login, settings == null ? null : settings.categories(), http);
        return devices.view(login);
    }

    @PostMapping("/api/push/subscriptions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribe this browser to push notices (its PushSubscription.toJSON())")
    public Subscribed subscribe(@RequestBody SubscriptionRequest request, HttpServletRequest http) {
        return devices.subscribe(login(), request, http);
    }

    @DeleteMapping("/api/push/subscriptions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unsubscribe one of the caller's devices, by its endpoint")
    public void unsubscribe(@RequestBody Unsubscribe request, HttpServletRequest http) {
        devices.unsubscribe(login(), request, http);
    }

    private static String login() {
        return CurrentUser.get().orElseThrow().login();
    }
}
