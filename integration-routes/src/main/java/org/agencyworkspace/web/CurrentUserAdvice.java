package org.agencyworkspace.web;

import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Makes the signed-in person available to every page as {@code currentUser}. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
public class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    public WorkspaceUser currentUser() {
        return CurrentUser.get().orElse(null);
    }
}
