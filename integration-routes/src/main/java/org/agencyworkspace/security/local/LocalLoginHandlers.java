package org.agencyworkspace.security.local;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What happens around the password form: a correct password leads to the code step, a wrong one
 * is counted and audited, and an address with too many failures is turned away before its
 * password is even checked. Every refusal shows the same generic message.
 */
public final class LocalLoginHandlers {

    static final String ERROR_PAGE = "/login?error";

    private LocalLoginHandlers() {
    }

    static AuthenticationSuccessHandler passwordAccepted(LocalSignIn signIn) {
        return (HttpServletRequest request, HttpServletResponse response,
                Authentication authentication) -> {
            signIn.passwordAccepted(request);
            response.sendRedirect(request.getContextPath() + "/login/totp");
        };
    }

    static AuthenticationFailureHandler passwordRefused(LocalSignIn signIn) {
        return (HttpServletRequest request, HttpServletResponse response,
                AuthenticationException exception) -> {
            String reason = exception instanceof LockedException ? "account locked"
                    : exception instanceof DisabledException ? "account disabled"
                    : "bad credentials";
            signIn.failed(request, request.getParameter("username"), reason);
            response.sendRedirect(request.getContextPath() + ERROR_PAGE);
        };
    }

    /** Refuses sign-in posts from an address that failed too often lately. */
    static final class ThrottleFilter extends OncePerRequestFilter {
        private final LocalSignIn signIn;

        ThrottleFilter(LocalSignIn signIn) {
            this.signIn = signIn;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod())
                    || !request.getServletPath().startsWith("/login");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
            if (signIn.addressBlocked(request)) {
                signIn.refusedAddress(request, request.getParameter("username"));
                response.sendRedirect(request.getContextPath() + ERROR_PAGE);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
