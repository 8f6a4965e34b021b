package org.agencyworkspace.security.stepup;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The step-up state of the signed-in person, a small page that needs a step-up (what signing
 * and classified files will do), and the page shown when a re-authentication did not reach the
 * required level.
 */
@Controller
public class StepUpController {

    private final StepUpGate stepUp;

    public StepUpController(StepUpGate stepUp) {
        this.stepUp = stepUp;
    }

    /** Level reached, level required, and until when the step-up lasts. */
    @GetMapping("/step-up/status")
    @ResponseBody
    public StepUpDecision status(HttpServletRequest request) {
        return stepUp.status(request);
    }

    @GetMapping("/secure/check")
    public String check(HttpServletRequest request, Model model) {
        stepUp.require();
        model.addAttribute("stepUp", stepUp.status(request));
        return "step-up/check";
    }

    @GetMapping("/step-up/refused")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    public String refused() {
        return "step-up/refused";
    }
}
