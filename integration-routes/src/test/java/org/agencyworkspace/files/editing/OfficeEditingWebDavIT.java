package org.agencyworkspace.files.editing;

import java.net.URI;
import java.util.UUID;
import org.agencyworkspace.connector.nextcloud.DavPath;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.nextcloud.WriteCondition;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Office editing with the files on the real WebDAV server of deploy/local (Apache laid out as
 * Nextcloud, profile {@code webdav}): GetFile streams from it, saves are If-Match uploads to it.
 */
@DirtiesContext
@ActiveProfiles("webdav")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfficeEditingWebDavIT extends AbstractOfficeEditingIT {

    static final String TOP = "/it-office-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    String topFolder() {
        return TOP;
    }

    @AfterAll
    static void removeFolder() {
        try (NextcloudConnector nextcloud = NextcloudConnector.builder()
                .davUrl(URI.create(StackEnvironment.require("WORKSPACE_WEBDAV_URL")))
                .credentials(StackEnvironment.require("WORKSPACE_WEBDAV_USER"),
                        StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD"))
                .plainUploadOnly().build()) {
            nextcloud.files().delete(DavPath.of(TOP), WriteCondition.none());
        }
    }
}
