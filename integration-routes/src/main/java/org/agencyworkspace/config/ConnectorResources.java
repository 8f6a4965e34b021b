package org.agencyworkspace.config;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/** Closes connectors that hold connection pools when the application stops, newest first. */
public class ConnectorResources implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorResources.class);

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    public synchronized <T extends AutoCloseable> T closeOnShutdown(T resource) {
        open.push(resource);
        return resource;
    }

    @Override
    public synchronized void destroy() {
        while (!open.isEmpty()) {
            AutoCloseable resource = open.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
