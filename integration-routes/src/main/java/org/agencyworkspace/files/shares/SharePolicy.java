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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a share of a labelled file may exist: the one rule a new share is checked against and
 * the share guard removes existing shares by. Public links and outside shares follow the level's
 * rules; a colleague must be able to read the file (clearance, need to know), a group must have
 * no member who may not. Whoever cannot be checked is refused: someone or a group the staff
 * directory does not know, a group whose members cannot be read, a group with nobody in it
 * (whoever joins later would be let in unchecked until the next scan).
 */
@Component
public class SharePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SharePolicy.class);

    private final AccessPolicy policy;
    private final StaffDirectory directory;

    public SharePolicy(AccessPolicy policy, StaffDirectory directory) {
        this.policy = policy;
        this.directory = directory;
    }

    public AccessDecision decide(FileShare.Type type, String sharedWith, Label label) {
        return switch (type) {
            case USER -> mayRead(sharedWith, label);
            case GROUP -> groupMayRead(sharedWith, label);
            case PUBLIC_LINK -> policy.decide(null, label, FileAction.PUBLIC_LINK);
            case EXTERNAL, OTHER -> policy.decide(null, label, FileAction.EXTERNAL_SHARE);
        };
    }

    private AccessDecision groupMayRead(String group, Label label) {
        List<String> members;
        try {
            if (group == null || !directory.groupExists(group)) {
                return AccessDecision.deny("group " + group + " is not known to the staff directory");
            }
            members = directory.membersOf(group);
        } catch (RuntimeException e) {
            LOG.warn("The members of group {} could not be read: {}", group, e.toString());
            return AccessDecision.deny("the members of group " + group + " cannot be read now");
        }
        if (members.isEmpty()) {
            return AccessDecision.deny("group " + group + " has nobody in it to check");
        }
        return members.stream()
                .map(member -> mayRead(member, label))
                .filter(decision -> !decision.allowed())
                .findFirst()
                .map(denied -> AccessDecision.deny("group " + group
                        + " has a member who may not read it: " + denied.reason()))
                .orElseGet(() -> AccessDecision.allow(false));
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
