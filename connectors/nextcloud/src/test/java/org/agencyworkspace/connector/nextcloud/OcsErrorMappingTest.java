package org.agencyworkspace.connector.nextcloud;

import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v1Failure;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v1Ok;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v2Failure;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v2Ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How OCS envelopes, HTTP statuses and broken answers become results and exceptions. */
class OcsErrorMappingTest {

    private static final String V2_FRANK = "/ocs/v2.php/cloud/users/frank";
    private static final String V1_FRANK = "/ocs/v1.php/cloud/users/frank";
    private static final String APP_PASSWORD = "app-Pass-word1";

    private final FakeOcsServer server = new FakeOcsServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wrongCredentialsArePermanent401With997OnBothVersions() {
        server.on("GET", V2_FRANK, v2Failure(401, 997, "Current user is not logged in"));
        server.on("GET", V1_FRANK, v1Failure(997, "Current user is not logged in"));

        for (int version : new int[] {1, 2}) {
            assertThatThrownBy(() -> provisioning(version).findUser("frank"))
                    .isInstanceOfSatisfying(OcsRefusedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.ocsStatus()).isEqualTo(997);
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("app password or admin rights refused")
                                .doesNotContain(APP_PASSWORD);
                    });
        }
    }

    @Test
    void a401WithoutAnEnvelopeIsStillPermanent() {
        server.on("GET", V2_FRANK, new Answer(401, Map.of("WWW-Authenticate",
                "Basic realm=\"Nextcloud\""), "Unauthorized"));

        assertThatThrownBy(() -> provisioning(2).findUser("frank"))
                .isInstanceOfSatisfying(PermanentConnectorException.class, e -> {
                    assertThat(e).isNotInstanceOf(OcsRefusedException.class);
                    assertThat(e.status()).isEqualTo(401);
                });
    }

    @Test
    void forbiddenIsRefusedWithOcs403() {
        // OCSMiddleware turns a 403 from security middleware (e.g. a missing password
        // confirmation) into an envelope with statuscode 403; v1 sends it with HTTP 200.
        server.on("DELETE", V1_FRANK, v1Failure(403, "Password confirmation is required"));

        assertThatThrownBy(() -> provisioning(1).deleteUser("frank"))
                .isInstanceOfSatisfying(OcsRefusedException.class, e -> {
                    assertThat(e.ocsStatus()).isEqualTo(403);
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.serverMessage())
                            .isEqualTo("OCS 403: Password confirmation is required");
                });
    }

    @Test
    void serverErrorsAreTransientOnBothVersions() {
        server.on("GET", V2_FRANK, v2Failure(500, 996, "Internal Server Error"));
        server.on("GET", V1_FRANK, v1Failure(999, ""));

        assertThatThrownBy(() -> provisioning(2).findUser("frank"))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(500));
        assertThatThrownBy(() -> provisioning(1).findUser("frank"))
                .isInstanceOfSatisfying(TransientConnectorException.class, e -> {
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.serverMessage()).isEqualTo("OCS 999");
                });
    }

    @Test
    void maintenanceModeAndRateLimitsAreTransient() {
        server.on("PUT", V2_FRANK + "/disable",
                new Answer(503, Map.of("Content-Type", "text/html"), "<html>maintenance</html>"));
        server.on("PUT", V2_FRANK, v2Failure(429, 429, "Reached maximum delay"));

        assertThatThrownBy(() -> provisioning(2).setEnabled("frank", false))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> provisioning(2).editUser("frank", UserField.EMAIL, "f@a.tw"))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(429));
    }

    @Test
    void anUnreachableServerIsTransient() {
        NextcloudProvisioning provisioning = provisioning(2);
        server.close();

        assertThatThrownBy(() -> provisioning.findUser("frank"))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.status()).isZero());
    }

    @Test
    void aNon404WithoutAnEnvelopeIsNotMistakenForAMissingUser() {
        // A reverse proxy or a wrong serverUrl: a 404 page is not Nextcloud saying "no user".
        server.on("GET", V2_FRANK, new Answer(404, Map.of("Content-Type", "text/html"),
                "<html><body>Not Found</body></html>"));

        assertThatThrownBy(() -> provisioning(2).findUser("frank"))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void a200ThatIsNotAnOcsEnvelopeIsPermanent() {
        server.on("GET", V2_FRANK, new Answer(200, Map.of("Content-Type", "text/html"),
                "<!DOCTYPE html><html><title>Login</title></html>"));
        server.on("GET", V1_FRANK, Answer.json(200, "{\"ocs\":{\"meta\":{\"status\":\"ok\"}}}"));

        assertThatThrownBy(() -> provisioning(2).findUser("frank"))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not an OCS envelope");
        assertThatThrownBy(() -> provisioning(1).findUser("frank"))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not an OCS envelope");
    }

    @Test
    void anEnvelopeWithoutTheDocumentedDataIsPermanent() {
        server.on("GET", V2_FRANK, v2Ok("{\"id\":\"frank\",\"groups\":[]}"));
        server.on("GET", "/ocs/v2.php/cloud/users", v2Ok("[]"));
        server.on("GET", "/ocs/v2.php/cloud/groups", v2Ok("{\"groups\":\"admin\"}"));

        assertThatThrownBy(() -> provisioning(2).findUser("frank"))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("answer is not an OCS user record with id and enabled");
        assertThatThrownBy(() -> provisioning(2).listUserIds("", 0, 10))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("answer is not a list of users");
        assertThatThrownBy(() -> provisioning(2).listGroupIds("", 0, 10))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("answer is not a list of groups");
    }

    @Test
    void anyOtherProvisioningCodeIsRefusedWithItsCodeAndMessageButNoPassword() {
        server.on("POST", "/ocs/v2.php/cloud/users", v2Failure(400, 107,
                "Password is among the 1,000,000 most common ones. Please make it unique."));
        server.on("POST", "/ocs/v1.php/cloud/users",
                v1Failure(104, "group dept-nowhere does not exist"));
        NewNextcloudUser weak = NewNextcloudUser.of("frank").withPassword("password123")
                .withGroups(java.util.List.of("dept-nowhere"));

        assertThatThrownBy(() -> provisioning(2).createUser(weak))
                .isInstanceOfSatisfying(OcsRefusedException.class, e -> {
                    assertThat(e.ocsStatus()).isEqualTo(107);
                    assertThat(e.getMessage()).contains("create user refused")
                            .contains("most common ones").doesNotContain("password123");
                });
        assertThatThrownBy(() -> provisioning(1).createUser(weak))
                .isInstanceOfSatisfying(OcsRefusedException.class, e -> {
                    assertThat(e.ocsStatus()).isEqualTo(104);
                    assertThat(e.sanitizedUri()).endsWith("/ocs/v1.php/cloud/users?format=json");
                });
    }

    @Test
    void probeReportsFailuresInsteadOfThrowing() {
        server.on("GET", "/ocs/v2.php/cloud/user", v2Failure(401, 997, ""));

        var result = provisioning(2).probe();

        assertThat(result.up()).isFalse();
        assertThat(result.detail()).contains("401").contains("OCS 997");
    }

    @Test
    void v1SuccessIsReadByStatusCodeNotByHttpStatus() {
        server.on("GET", V1_FRANK + "/groups", v1Ok("{\"groups\":[\"staff\"]}"));

        assertThat(provisioning(1).userGroups("frank")).contains(java.util.List.of("staff"));
    }

    @Test
    void builderNamesTheMissingSettingAndMasksTheAppPassword() {
        assertThatThrownBy(() -> NextcloudProvisioning.builder().credentials("a", "b").build())
                .hasMessage("serverUrl required");
        assertThatThrownBy(() -> NextcloudProvisioning.builder()
                .serverUrl(URI.create("http://cloud")).build())
                .hasMessage("loginName required");
        assertThatThrownBy(() -> NextcloudProvisioning.builder()
                .serverUrl(URI.create("http://cloud")).credentials("admin", "").build())
                .hasMessage("appPassword required");
        assertThatThrownBy(() -> NextcloudProvisioning.builder()
                .serverUrl(URI.create("http://cloud")).credentials("admin", "x").ocsVersion(3)
                .build())
                .hasMessage("ocsVersion must be 1 or 2: 3");

        assertThat(NextcloudProvisioning.builder().serverUrl(URI.create("http://cloud"))
                .credentials("admin", APP_PASSWORD).toString())
                .contains("loginName=admin").contains("appPassword=******")
                .doesNotContain(APP_PASSWORD);
    }

    private NextcloudProvisioning provisioning(int version) {
        return NextcloudProvisioning.builder().serverUrl(server.baseUri())
                .credentials("nc-admin", APP_PASSWORD).ocsVersion(version).build();
    }
}
