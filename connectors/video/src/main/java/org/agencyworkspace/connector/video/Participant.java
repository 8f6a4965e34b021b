package org.agencyworkspace.connector.video;

/**
 * A person joining.
 *
 * @param id stable id (the workspace login)
 * @param name display name
 * @param email address, may be null
 */
public record Participant(String id, String name, String email) {

    public Participant {
        if (id == null || id.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("participant id and name required");
        }
    }
}
