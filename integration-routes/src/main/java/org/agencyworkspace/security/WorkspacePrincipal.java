package org.agencyworkspace.security;

/** A principal or authentication that knows the {@link WorkspaceUser} behind it. */
public interface WorkspacePrincipal {

    WorkspaceUser workspaceUser();
}
