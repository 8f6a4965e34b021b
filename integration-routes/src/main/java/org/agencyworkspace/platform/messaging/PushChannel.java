package org.agencyworkspace.platform.messaging;

/**
 * Pushes a notice to a person's devices (Web Push). Present only while push is enabled
 * ({@code workspace.push.enabled}). A notice carries a title and a link only: the text itself
 * stays behind the sign-in. Idempotent on {@code pushId} per device.
 */
public interface PushChannel {

    /**
     * Pushes the notice to every device of the person that wants its category; nothing when they
     * have none or turned the category off.
     *
     * @param title one line that may be shown on a locked screen; never classified content
     * @throws org.agencyworkspace.connector.TransientConnectorException when a push service
     *     cannot take it now; the delivery route retries, and devices already reached are skipped
     * @throws IllegalArgumentException when a push service refuses it for good (dead-lettered)
     */
    void push(String pushId, String login, PushCategory category, String title);
}
