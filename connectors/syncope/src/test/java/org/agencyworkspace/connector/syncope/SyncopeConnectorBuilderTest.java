package org.agencyworkspace.connector.syncope;

import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.BASIC;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.SERVICE_PASSWORD;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.syncope.SyncopeStub.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncopeConnectorBuilderTest {

    private final SyncopeStub syncope = new SyncopeStub();

    @AfterEach
    void stop() {
        syncope.close();
    }

    @Test
    void namesTheMissingOrMalformedSetting() {
        URI url = URI.create("http://127.0.0.1:9080/syncope/rest");
        assertThatThrownBy(() -> SyncopeConnector.builder().serviceAccount("svc", "pw").build())
                .hasMessage("baseUrl required");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(URI.create("syncope/rest"))
                .serviceAccount("svc", "pw").build())
                .hasMessageContaining("baseUrl must be an absolute http(s) URL");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(url).build())
                .hasMessage("serviceAccount username required");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(url)
                .serviceAccount("svc", " ").build())
                .hasMessage("serviceAccount password required");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(url)
                .serviceAccount("svc", "pw").domain("").build())
                .hasMessage("domain required");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(url)
                .serviceAccount("svc", "pw").authMode(null).build())
                .hasMessage("authMode required");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(url)
                .serviceAccount("svc", "pw").requestTimeout(Duration.ZERO).build())
                .hasMessage("timeouts required and positive");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(url)
                .serviceAccount("svc", "pw").schemaName(AgencyAttribute.PHONE, "email").build())
                .hasMessageContaining("each agency attribute needs its own schema");
        assertThatThrownBy(() -> SyncopeConnector.builder().baseUrl(url)
                .serviceAccount("svc", "pw").schemaName(AgencyAttribute.PHONE, "").build())
                .hasMessage("schemaName for PHONE required");
    }

    @Test
    void theBuilderAndNewUsersNeverShowPasswords() {
        SyncopeConnector.Builder configured = builder(syncope);
        NewUser user = NewUser.builder("/", "ann.lee").password("Initial-Pa55").build();

        assertThat(configured.toString()).contains("svc-workspace", "password=****")
                .doesNotContain(SERVICE_PASSWORD);
        assertThat(user.toString()).contains("password=****").doesNotContain("Initial-Pa55");
        assertThat(NewUser.builder("/", "bob").build().toString()).contains("password=none");
    }

    @Test
    void agencyAttributesAreReadFromTheConfiguredSchemas() {
        syncope.on("GET", "/users/ann.lee", Reply.json(200, """
                {"key":"k1","username":"ann.lee","plainAttrs":[
                  {"schema":"ou","values":["HR"]},
                  {"schema":"secLevel","values":["secret","confidential"]},
                  {"schema":"email","values":["ann.lee@agency.gov.tw"]}]}
                """));
        SyncopeConnector connector = builder(syncope)
                .schemaName(AgencyAttribute.DEPARTMENTS, "ou")
                .schemaName(AgencyAttribute.CLEARANCE, "secLevel").build();

        AgencyProfile profile = connector.findUser("ann.lee").orElseThrow().profile();

        assertThat(profile.departments()).containsExactly("HR");
        assertThat(profile.clearance()).isEqualTo("secret");
        assertThat(profile.email()).isEqualTo("ann.lee@agency.gov.tw");
        assertThat(profile.phone()).isNull();
        assertThat(profile.values(AgencyAttribute.PHONE)).isEmpty();
    }

    @Test
    void probeAsksForTheOwnUserAndNamesIt() {
        syncope.on("GET", "/users/self", Reply.json(200, """
                {"_class":"org.apache.syncope.common.lib.to.UserTO","key":"k","username":"svc-workspace"}
                """).header("X-Syncope-Entitlements", "[\"USER_READ\",\"USER_UPDATE\"]"));

        ProbeResult result = builder(syncope).domain("Agency").build().probe();

        assertThat(result.up()).isTrue();
        assertThat(result.detail()).isEqualTo("answers as svc-workspace in domain Agency");
        assertThat(result.facts()).containsEntry("domain", "Agency")
                .containsEntry("username", "svc-workspace");
        assertThat(syncope.only("GET", "/users/self").header("Authorization")).isEqualTo(BASIC);
    }

    @Test
    void probeIsDownWithTheReasonWhenCredentialsAreRefused() {
        syncope.on("GET", "/users/self", Reply.empty(401));

        ProbeResult result = builder(syncope).build().probe();

        assertThat(result.up()).isFalse();
        assertThat(result.detail()).contains("read own user refused (HTTP 401)")
                .doesNotContain(SERVICE_PASSWORD);
    }

    @Test
    void valueRecordsRefuseWhatSyncopeWouldMisread() {
        assertThatThrownBy(() -> NewUser.builder("agency", "ann").build())
                .hasMessageContaining("full realm path");
        assertThatThrownBy(() -> UserUpdate.builder("k").build())
                .hasMessage("nothing to update for k");
        assertThatThrownBy(() -> UserUpdate.builder("k").replace(AgencyAttribute.EMAIL))
                .hasMessageContaining("use delete()");
        assertThatThrownBy(() -> new UserUpdate("k", null, null,
                Map.of(AgencyAttribute.CLEARANCE, List.of("a", "b")), null, null, null,
                null, null)).hasMessageContaining("CLEARANCE takes one value");
        assertThatThrownBy(() -> SearchQuery.all().withSize(0)).hasMessageContaining("size");
        assertThatThrownBy(() -> SearchQuery.all().withPage(0)).hasMessageContaining("page");
        assertThatThrownBy(() -> SearchQuery.all().inRealm("agency", true))
                .hasMessageContaining("realm");
    }
}
