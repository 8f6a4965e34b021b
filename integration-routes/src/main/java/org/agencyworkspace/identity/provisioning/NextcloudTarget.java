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
 * are left alone.
 */
public class NextcloudTarget implements IdentityTarget {

    private final NextcloudProvisioning nextcloud;
    private final DepartmentCodes departments;

    /** Which Nextcloud groups stand for departments, so only those are added and removed. */
    @FunctionalInterface
    public interface DepartmentCodes {
        Set<String> all();
    }

    public NextcloudTarget(NextcloudProvisioning nextcloud, DepartmentCodes departments) {
        this.nextcloud = nextcloud;
        this.departments = departments;
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
        UserCreation created = nextcloud.createUser(NewNextcloudUser.of(userId)
                .withDisplayName(person.displayNameEn())
                .withEmail(person.email())
                .withGroups(person.departments()));
        if (created == UserCreation.ALREADY_EXISTS) {
            nextcloud.editUser(userId, UserField.DISPLAY_NAME, person.displayNameEn());
            nextcloud.editUser(userId, UserField.EMAIL, person.email());
            syncGroups(userId, person.departments());
        }
        nextcloud.setEnabled(userId, true);
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
