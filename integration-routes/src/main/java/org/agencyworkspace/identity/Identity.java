package org.agencyworkspace.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One person as the workspace knows them, whichever source told it: the canonical identity that
 * drives every app's account.
 *
 * @param id stable id (also the SCIM id)
 * @param source where it came from: {@code scim} or {@code syncope}
 * @param status whether the person may work
 * @param version increases with every change; the SCIM ETag
 * @param created when it was first seen
 * @param lastModified when it last changed
 * @param attributes the person's details
 */
public record Identity(String id, String source, Status status, long version, Instant created,
        Instant lastModified, IdentityDraft attributes) {

    /** Whether a person may work, as the workspace applies it to every app. */
    public enum Status { ACTIVE, INACTIVE, DELETED }

    public Identity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
    }

    public String userName() {
        return attributes.userName();
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The SCIM ETag of this version. */
    public String etag() {
        return "W/\"" + version + "\"";
    }

    /** Copies the list fields defensively; handy for comparisons. */
    public List<String> departments() {
        return attributes.departments();
    }
}
