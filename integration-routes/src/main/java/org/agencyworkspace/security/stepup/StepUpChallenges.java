package org.agencyworkspace.security.stepup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Answers {@link StepUpRequiredException} wherever a service raised it, as the sign-in mode does:
 * a browser session is sent to re-authenticate and brought back to the same address, a bearer
 * token gets RFC 9470's {@code insufficient_user_authentication}. Ordered first, so the general
 * problem advice does not answer it as a plain 403.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StepUpChallenges {

    private final StepUpGate gate;

    public StepUpChallenges(StepUpGate gate) {
        this.gate = gate;
    }

    @ExceptionHandler(StepUpRequiredException.class)
    void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        gate.challenge(request, response);
    }
}
