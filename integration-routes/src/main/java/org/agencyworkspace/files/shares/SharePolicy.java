package org.agencyworkspace.files.shares;

import java.util.List;
import java.util.Optional;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Component;

/**
 * Whether a share of a labelled file may exist: the one rule a new share is checked against and
 * the share guard removes existing shares by. Public links and outside shares follow the level's
 * rules; a colleague must be able to read the file (clearance, need to know), a group must have
 * no member who may not; someone the staff directory does not know cannot be checked and is
 * refused.
 */
@Component
public class SharePolicy {

    private final AccessPolicy policy;
    private final StaffDirectory directory;

    public SharePolicy(AccessPolicy policy, StaffDirectory directory) {
        this.policy = policy;
        this.directory = directory;
    }

    public AccessDecision decide(FileShare.Type type, String sharedWith, Label label) {
        return switch (type) {
            case USER -> mayRead(sharedWith, label);
            case GROUP -> directory.membersOf(sharedWith).stream()
                    .map(member -> mayRead(member, label))
                    .filter(decision -> !decision.allowed())
                    .findFirst()
                    .map(denied -> AccessDecision.deny("group " + sharedWith
                            + " has a member who may not read it: " + denied.reason()))
                    .orElseGet(() -> AccessDecision.allow(false));
            case PUBLIC_LINK -> policy.decide(null, label, FileAction.PUBLIC_LINK);
            case EXTERNAL, OTHER -> policy.decide(null, label, FileAction.EXTERNAL_SHARE);
        };
    }

    private AccessDecision mayRead(String login, Label label) {
        Optional<StaffDirectory.StaffMember> member = login == null ? Optional.empty()
                : directory.find(login);
        if (member.isEmpty()) {
            return AccessDecision.deny(login + " is not a known member of staff");
        }
        StaffDirectory.StaffMember known = member.get();
        return policy.decide(new WorkspaceUser(known.login(), known.displayNameEn(), List.of(),
                known.departments(), known.clearance()), label, FileAction.READ);
    }
}
