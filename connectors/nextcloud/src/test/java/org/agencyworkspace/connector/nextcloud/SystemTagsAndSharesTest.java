package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v2Failure;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v2Ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.nextcloud.FakeOcsServer.Request;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * System tags (WebDAV) and shares (OCS v2) against stubs answering as the reference (§4, §6)
 * and Nextcloud's {@code SystemTagPlugin} and {@code ShareAPIController} do; no Nextcloud runs
 * here.
 */
class SystemTagsAndSharesTest {

    private static final String TAGS = "/remote.php/dav/systemtags/";
    private static final String RELATIONS = "/remote.php/dav/systemtags-relations/files/";
    private static final String SHARES = "/ocs/v2.php/apps/files_sharing/api/v1/shares";
    private static final String XML = "application/xml; charset=utf-8";

    private static final String TAG_LIST = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
             <d:response><d:href>/remote.php/dav/systemtags/</d:href>
              <d:propstat><d:prop/><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
              <d:propstat><d:prop><oc:id/><oc:display-name/></d:prop>
               <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>
             <d:response><d:href>/remote.php/dav/systemtags/7</d:href>
              <d:propstat><d:prop><oc:id>7</oc:id><oc:display-name>機密</oc:display-name>
               <oc:user-visible>true</oc:user-visible><oc:user-assignable>false</oc:user-assignable>
               <oc:can-assign>true</oc:can-assign></d:prop>
               <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
             <d:response><d:href>/remote.php/dav/systemtags/9</d:href>
              <d:propstat><d:prop><oc:id>9</oc:id><oc:display-name>機密</oc:display-name>
               <oc:user-visible>true</oc:user-visible><oc:user-assignable>true</oc:user-assignable>
               <oc:can-assign>true</oc:can-assign></d:prop>
               <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>""";

    /** A public link as {@code ShareAPIController::formatShare} renders it (fields trimmed). */
    private static final String LINK = """
            {"id":"42","share_type":3,"uid_owner":"workspace","displayname_owner":"Workspace",\
            "permissions":1,"stime":1718000000,"expiration":"2025-07-31 00:00:00",\
            "token":"Ab12Cd34","path":"/公文/季報.pdf","item_type":"file",\
            "mimetype":"application/pdf","item_source":259,"file_source":259,\
            "file_target":"/季報.pdf","share_with":null,"share_with_displayname":"",\
            "url":"https://cloud.agency.gov.tw/s/Ab12Cd34","note":"",\
            "password":"$2y$10$hashed"}""";

    private static final String USER_SHARE = """
            {"id":43,"share_type":0,"uid_owner":"workspace","permissions":31,\
            "expiration":null,"token":null,"path":"/公文","item_type":"folder",\
            "item_source":12,"share_with":"alice","share_with_displayname":"Alice Chen",\
            "note":"請審閱"}""";

    private final FakeOcsServer server = new FakeOcsServer();
    private final NextcloudConnector nextcloud = NextcloudConnector.builder()
            .davUrl(server.baseUri().resolve("/remote.php/dav"))
            .credentials("workspace", "app-password").build();

    @AfterEach
    void stop() {
        nextcloud.close();
        server.close();
    }

    @Test
    void createdTagIdComesFromContentLocation() {
        server.on("POST", TAGS, new Answer(201,
                Map.of("Content-Location", "/remote.php/dav/systemtags/15"), ""));

        SystemTag tag = nextcloud.systemTags().createTagIfMissing("限閱", true, false);

        assertThat(tag).isEqualTo(new SystemTag("15", "限閱", true, false, true));
        Request post = server.onlyRequest();
        assertThat(post.headers().get("Content-Type")).startsWith("application/json");
        assertThat(post.body())
                .isEqualTo("{\"name\":\"限閱\",\"userVisible\":true,\"userAssignable\":false}");
    }

    @Test
    void anExistingTagIsFoundPreferringTheSameFlags() {
        server.on("POST", TAGS, new Answer(409, Map.of(), "Tag already exists"));
        server.on("PROPFIND", TAGS, new Answer(207, Map.of("Content-Type", XML), TAG_LIST));

        assertThat(nextcloud.systemTags().createTagIfMissing("機密", true, true).id())
                .isEqualTo("9");
        assertThat(nextcloud.systemTags().listTags()).extracting(SystemTag::id)
                .containsExactly("7", "9");
    }

    @Test
    void tagsAreAssignedListedAndRemovedByFileId() {
        server.on("PUT", RELATIONS + "259/7", new Answer(201, Map.of(), ""));
        server.on("PUT", RELATIONS + "259/8", new Answer(412, Map.of(), ""));
        server.on("PROPFIND", RELATIONS + "259/",
                new Answer(207, Map.of("Content-Type", XML), TAG_LIST));
        server.on("DELETE", RELATIONS + "259/7", new Answer(204, Map.of(), ""),
                new Answer(404, Map.of(), ""));

        nextcloud.systemTags().assign(259, "7");
        assertThatThrownBy(() -> nextcloud.systemTags().assign(259, "8"))
                .as("Nextcloud answers 412 for an unknown tag")
                .isInstanceOf(NotFoundException.class);
        assertThat(nextcloud.systemTags().tagsOf(259)).hasSize(2);
        assertThat(nextcloud.systemTags().unassign(259, "7")).isTrue();
        assertThat(nextcloud.systemTags().unassign(259, "7")).isFalse();
        assertThatThrownBy(() -> nextcloud.systemTags().assign(259, "../1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharesOfAPathSendTheQueryAndReadEachType() {
        server.on("GET", SHARES, v2Ok("[" + LINK + "," + USER_SHARE + "]"));

        var shares = nextcloud.shares().sharesOf(FilePath.exact("公文"), true, true);

        Request get = server.onlyRequest();
        assertThat(get.rawQuery()).contains("path=%2F%E5%85%AC%E6%96%87", "reshares=true",
                "subfiles=true", "format=json");
        assertThat(get.headers()).containsEntry("OCS-APIRequest", "true");
        Share link = shares.get(0);
        assertThat(link.type()).isEqualTo(ShareType.PUBLIC_LINK);
        assertThat(link.path()).isEqualTo(FilePath.exact("公文/季報.pdf"));
        assertThat(link.fileId()).isEqualTo(259);
        assertThat(link.permissions()).containsExactly(SharePermission.READ);
        assertThat(link.expiration()).hasValue(LocalDate.of(2025, 7, 31));
        assertThat(link.url()).hasValue("https://cloud.agency.gov.tw/s/Ab12Cd34");
        assertThat(link.toString()).doesNotContain("Ab12Cd34");
        Share user = shares.get(1);
        assertThat(user.id()).isEqualTo("43");
        assertThat(user.type()).isEqualTo(ShareType.USER);
        assertThat(user.folder()).isTrue();
        assertThat(user.shareWith()).isEqualTo("alice");
        assertThat(user.permissions()).isEqualTo(EnumSet.allOf(SharePermission.class));
        assertThat(user.expiration()).isEmpty();
        assertThat(user.note()).isEqualTo("請審閱");
    }

    @Test
    void mySharesAndSharedWithMeAreTheOnlyListsOcsOffers() {
        server.on("GET", SHARES, v2Ok("[" + USER_SHARE + "]"));

        assertThat(nextcloud.shares().myShares()).hasSize(1);
        assertThat(nextcloud.shares().sharedWithMe()).hasSize(1);

        assertThat(server.received()).extracting(Request::rawQuery)
                .containsExactly("format=json", "format=json&shared_with_me=true");
    }

    @Test
    void createSendsTypePermissionsPasswordAndExpiry() {
        server.on("POST", SHARES, v2Ok(LINK));

        Share link = nextcloud.shares().create(NewShare.publicLink(FilePath.exact("公文/季報.pdf"))
                .withPermissions(Set.of(SharePermission.READ, SharePermission.CREATE))
                .withPassword("Pass word&1").expiringAfter(LocalDate.of(2025, 7, 31)));

        assertThat(link.id()).isEqualTo("42");
        assertThat(server.onlyRequest().body()).isEqualTo("path=%2F%E5%85%AC%E6%96%87%2F"
                + "%E5%AD%A3%E5%A0%B1.pdf&shareType=3&permissions=5&password=Pass%20word%261"
                + "&expireDate=2025-07-31");
        assertThat(NewShare.publicLink(FilePath.exact("a")).withPassword("secret").toString())
                .doesNotContain("secret");
        assertThatThrownBy(() -> NewShare.withUser(FilePath.exact("a"), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updatesSendOneFieldEachAndEmptyRemovesIt() {
        server.on("PUT", SHARES + "/42", v2Ok(LINK));

        nextcloud.shares().updateExpiration("42", Optional.of(LocalDate.of(2025, 8, 1)));
        nextcloud.shares().updateExpiration("42", Optional.empty());
        nextcloud.shares().updatePassword("42", Optional.of("n3w"));
        nextcloud.shares().updatePermissions("42", Set.of(SharePermission.READ,
                SharePermission.SHARE));

        assertThat(server.received()).extracting(Request::body).containsExactly(
                "expireDate=2025-08-01", "expireDate=", "password=n3w", "permissions=17");
    }

    @Test
    void missingSharesAreFalseOrNotFoundAndRefusalsKeepTheOcsReason() {
        Answer noShare = v2Failure(404, 404, "Wrong share ID, share does not exist");
        server.on("DELETE", SHARES + "/41", noShare);
        server.on("PUT", SHARES + "/41", noShare);
        server.on("GET", SHARES + "/41", noShare);
        server.on("POST", SHARES, v2Failure(403, 403,
                "Public upload disabled by the administrator"));

        assertThat(nextcloud.shares().delete("41")).isFalse();
        assertThat(nextcloud.shares().find("41")).isEmpty();
        assertThatThrownBy(() -> nextcloud.shares().updatePassword("41", Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> nextcloud.shares().create(NewShare.withGroup(FilePath.exact("a"),
                "finance"))).isInstanceOfSatisfying(OcsRefusedException.class, e -> {
                    assertThat(e.ocsStatus()).isEqualTo(403);
                    assertThat(e.serverMessage()).contains("Public upload disabled");
                });
        assertThatThrownBy(() -> nextcloud.shares().delete("../users"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
