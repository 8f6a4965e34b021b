package org.agencyworkspace.identity.provisioning;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.nextcloud.NewNextcloudUser;
import org.agencyworkspace.connector.nextcloud.NextcloudProvisioning;
import org.agencyworkspace.connector.nextcloud.UserCreation;
import org.agencyworkspace.connector.nextcloud.UserField;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;

/**
 * Nextcloud accounts over OCS: display name, e-mail, and one group per department (so folder
 * sharing can follow the org chart); a leaver is disabled. Groups that are not department codes
 * are left alone. New accounts get the configured quota; a quota changed later in Nextcloud stays.
 */
public class NextcloudTarget implements IdentityTarget {

    private static final int PAGE_SIZE = 200;

    private final NextcloudProvisioning nextcloud;
    private final DepartmentCodes departments;
    private final String serviceLogin;
    private final String defaultQuota;

    /** Which Nextcloud groups stand for departments, so only those are added and removed. */
    @FunctionalInterface
    public interface DepartmentCodes {
        Set<String> all();
    }

    /**
     * @param serviceLogin the workspace's own Nextcloud account, never reconciled
     * @param defaultQuota quota of new accounts ({@code 5 GB}), or null for Nextcloud's default
     */
    public NextcloudTarget(NextcloudProvisioning nextcloud, DepartmentCodes departments,
            String serviceLogin, String defaultQuota) {
        this.nextcloud = nextcloud;
        this.departments = departments;
        this.serviceLogin = serviceLogin;
        this.defaultQuota = defaultQuota;
    }

    @Override
    public String name() {
        return "nextcloud";
    }

    @Override
    public void apply(Kind kind, IdentityDraft person) {
        String userId = person.userName();
        if (kind == Kind.LEAVE || !person.active()) {
            nextcloud.setEnabled(userId, false);
            return;
        }
        person.departments().forEach(code -> nextcloud.createGroupIfMissing(code, code));
        NewNextcloudUser user = NewNextcloudUser.of(userId)
                .withDisplayName(person.displayNameEn())
                .withEmail(person.email())
                .withGroups(person.departments());
        UserCreation created = nextcloud.createUser(
                defaultQuota == null ? user : user.withQuota(defaultQuota));
        if (created == UserCreation.ALREADY_EXISTS) {
            nextcloud.editUser(userId, UserField.DISPLAY_NAME, person.displayNameEn());
            nextcloud.editUser(userId, UserField.EMAIL, person.email());
            syncGroups(userId, person.departments());
        }
        nextcloud.setEnabled(userId, true);
    }

    /** A person who is gone is disabled; Nextcloud accounts carry no clearance or roles. */
    @Override
    public void revoke(IdentityDraft person) {
        if (!person.active()) {
            nextcloud.setEnabled(person.userName(), false);
        }
    }

    /** One OCS call per account for its state: Nextcloud's user list carries ids only. */
    @Override
    public List<Account> accounts() {
        return nextcloud.allUserIds(null, PAGE_SIZE)
                .filter(userId -> !userId.equals(serviceLogin))
                .map(userId -> nextcloud.findUser(userId)
                        .map(user -> new Account(userId, user.enabled())))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public void disableAccount(String userName) {
        nextcloud.setEnabled(userName, false);
    }

    private void syncGroups(String userId, List<String> wanted) {
        Optional<List<String>> current = nextcloud.userGroups(userId);
        Set<String> departmentCodes = departments.all();
        for (String code : wanted) {
            if (current.map(groups -> !groups.contains(code)).orElse(true)) {
                nextcloud.addToGroup(userId, code);
            }
        }
        current.orElse(List.of()).stream()
                .filter(departmentCodes::contains)
                .filter(group -> !wanted.contains(group))
                .forEach(group -> nextcloud.removeFromGroup(userId, group));
    }
}
