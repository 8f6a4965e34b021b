package org.agencyworkspace.web;

import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Adds the request id to error pages and error JSON so a person can quote it; never the
 * exception or its message, which stay in the log.
 */
@Component
public class WorkspaceErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object requestId = request.getAttribute(RequestIdFilter.REQUEST_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (requestId != null) {
            attributes.put("requestId", requestId);
        }
        return attributes;
    }
}
