package org.agencyworkspace.officialdocs.exchange;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The inbox port serves the inbox and nothing else: partners holding a client certificate never
 * reach the workspace's pages or API through it.
 */
class InboxPortFilter extends OncePerRequestFilter {

    private final int inboxPort;

    InboxPortFilter(int inboxPort) {
        this.inboxPort = inboxPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getLocalPort() == inboxPort && !ExchangeInboxController.PATH.equals(request.getRequestURI())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
