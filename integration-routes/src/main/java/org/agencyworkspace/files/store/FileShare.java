package org.agencyworkspace.files.store;

import java.time.LocalDate;

/**
 * A share of a file, as the store reports it.
 *
 * @param id the store's share id
 * @param type what kind of share
 * @param sharedWith the user, group or address it goes to; null for a public link
 * @param owner who made it
 * @param expires when it ends; null for never
 */
public record FileShare(String id, Type type, String sharedWith, String owner, LocalDate expires) {

    /** Kinds of share, by how far they reach. */
    public enum Type {
        /** Someone in the agency. */
        USER,
        /** A group in the agency. */
        GROUP,
        /** Anyone with the link. */
        PUBLIC_LINK,
        /** Someone outside: an e-mail address or another server (federated). */
        EXTERNAL,
        /** Anything else the store reports (a Talk room, a team); judged like an outside share. */
        OTHER
    }
}
