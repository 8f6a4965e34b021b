package org.agencyworkspace.connector.matrix;

/** What {@link SynapseAdmin#deactivate} found. */
public enum Deactivation {
    /** The account is deactivated now (it may already have been), with no devices or tokens. */
    DEACTIVATED,
    /** Synapse has no account with that id; nothing was changed. */
    NO_SUCH_USER
}
