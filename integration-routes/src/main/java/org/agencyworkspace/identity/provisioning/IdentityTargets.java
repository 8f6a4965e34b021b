package org.agencyworkspace.identity.provisioning;

import java.util.List;
import java.util.Optional;

/**
 * The apps that identities are provisioned to in this deployment: the workspace's own directory
 * always, plus every configured connector.
 *
 * @param all the targets, in the order their names are reported
 */
public record IdentityTargets(List<IdentityTarget> all) {

    public IdentityTargets {
        all = List.copyOf(all);
    }

    public Optional<IdentityTarget> named(String name) {
        return all.stream().filter(target -> target.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return all.stream().map(IdentityTarget::name).toList();
    }
}
