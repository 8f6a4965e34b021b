package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;

final class SardineNextcloudConnector implements NextcloudConnector {

    static final String NAME = "nextcloud";

    private final DavTransport transport;
    private final NextcloudFiles files;
    private final NextcloudSystemTags systemTags;
    private final NextcloudShares shares;
    private final String userRoot;

    /** @param davUrl the WebDAV root without a trailing slash */
    SardineNextcloudConnector(URI davUrl, URI serverUrl, String username, String password,
            Duration connectTimeout, Duration requestTimeout, UploadSettings uploads) {
        String user = DavPaths.encodeSegment(username);
        this.userRoot = davUrl + "/files/" + user + "/";
        this.transport = new DavTransport(davUrl, username, password, connectTimeout,
                requestTimeout);
        this.files = new SardineNextcloudFiles(transport, userRoot,
                davUrl + "/uploads/" + user + "/", uploads);
        this.systemTags = new DavSystemTags(transport, davUrl.toString());
        this.shares = new OcsShares(new OcsClient(serverUrl, 2, "apps/files_sharing/api/v1",
                username, password, connectTimeout, requestTimeout));
    }

    @Override
    public boolean userRootReadable() {
        return files.stat(FilePath.root(), Set.of()).isPresent();
    }

    @Override
    public NextcloudFiles files() {
        return files;
    }

    @Override
    public NextcloudSystemTags systemTags() {
        return systemTags;
    }

    @Override
    public NextcloudShares shares() {
        return shares;
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> userRootReadable()
                ? ProbeResult.up("WebDAV folder readable", Map.of("folder", userRoot))
                : ProbeResult.down("WebDAV folder " + userRoot + " not found"));
    }

    @Override
    public void close() {
        try {
            transport.shutdown();
        } catch (IOException e) {
            // Shutting down only releases pooled connections; nothing is lost if it fails.
        }
    }
}
