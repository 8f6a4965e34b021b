package org.agencyworkspace.reviews;

import static org.agencyworkspace.reviews.ReviewsFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guests' Keycloak account queue without Keycloak running: what an invitation and a closing
 * queue, and a Keycloak out of reach (a real connection refused on a closed port) retried with a
 * doubling wait, then given up for the dead-letter store. Against the real Keycloak:
 * {@code GuestRealmKeycloakIT}.
 */
class GuestAccountsTest {

    static final ReviewsProperties.GuestRealm REALM = new ReviewsProperties.GuestRealm("agency-guests-test",
            "workspace-guests", "guest-client-secret", "workspace-guests-connector", "connector-secret",
            Duration.ofDays(30), Duration.ofSeconds(15), Duration.ofSeconds(30), 3);

    final ReviewsFixture fixture;

    GuestAccountsTest(@TempDir Path folder) {
        fixture = new ReviewsFixture(folder, REALM);
    }

    @Test
    void anInvitationQueuesEachGuestsAccountAndTheClosingQueuesItsDisabling() {
        Review review = openReview("CASE-GUEST-1");
        List<String> guests = guestsOf(review);
        assertThat(guests).hasSize(3);
        assertThat(rows("ENABLED", "PENDING")).containsExactlyInAnyOrderElementsOf(guests);

        // A second review with the same outside expert: still one account row, wanted enabled.
        Review second = fixture.reviews.create(fixture.newReview("CASE-GUEST-2", ScoringMethod.TOTAL_SCORE,
                new BigDecimal("75"), ReviewsFixture.fiveMembers()), ALICE);
        fixture.reviews.open(second.id(), ALICE);
        assertThat(rows("ENABLED", "PENDING")).containsExactlyInAnyOrderElementsOf(guests);

        fixture.reviews.close(review.id(), ALICE);
        assertThat(rows("DISABLED", "PENDING")).as("the guests still sit on the second review").isEmpty();
        fixture.reviews.close(second.id(), ALICE);
        assertThat(rows("DISABLED", "PENDING")).containsExactlyInAnyOrderElementsOf(guests);
    }

    @Test
    void withoutAGuestRealmNothingIsQueued(@TempDir Path folder) {
        ReviewsFixture embedded = new ReviewsFixture(folder);
        Review review = embedded.reviews.create(embedded.newReview("CASE-GUEST-3", ScoringMethod.TOTAL_SCORE,
                new BigDecimal("75"), ReviewsFixture.fiveMembers()), ALICE);
        embedded.reviews.open(review.id(), ALICE);
        assertThat(embedded.database.jdbc().sql("SELECT COUNT(*) FROM review_guest_account")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void keycloakOutOfReachIsRetriedWithADoublingWaitThenGivenUpForTheDeadLetterStore() {
        String guest = guestsOf(openReview("CASE-GUEST-4")).get(0);
        GuestAccounts accounts = new GuestAccounts(fixture.database.jdbc(), fixture.guests, unreachableKeycloak(),
                REALM, fixture.audit, fixture.events, fixture.clock);
        assertThat(accounts.due(10)).contains(guest);

        accounts.apply(guest);
        assertThat(accounts.find(guest).orElseThrow()).satisfies(due -> {
            assertThat(due.status()).isEqualTo("PENDING");
            assertThat(due.attempts()).isEqualTo(1);
        });
        assertThat(accounts.due(10)).doesNotContain(guest);
        fixture.clock.advance(Duration.ofSeconds(29));
        assertThat(accounts.due(10)).as("first wait: 30 s").doesNotContain(guest);
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(accounts.due(10)).contains(guest);

        accounts.apply(guest);
        fixture.clock.advance(Duration.ofSeconds(59));
        assertThat(accounts.due(10)).as("second wait: 60 s").doesNotContain(guest);
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(accounts.due(10)).contains(guest);

        assertThatThrownBy(() -> accounts.apply(guest)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("given up after 3 attempts");
        assertThat(accounts.find(guest).orElseThrow().status()).isEqualTo("FAILED");
        assertThat(accounts.due(10)).doesNotContain(guest);
        assertThat(fixture.audit.events()).filteredOn(event -> event.action().equals("review.guest.account"))
                .singleElement().satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
        assertThat(fixture.events.of(ReviewEvents.GuestAccountReady.class)).isEmpty();
    }

    @Test
    void aDisplayNameIsSplitIntoKeycloaksFirstAndLastName() {
        assertThat(GuestAccounts.names("Dr. Mei Lee")).containsExactly("Dr. Mei", "Lee");
        assertThat(GuestAccounts.names("王教授")).containsExactly("王教授", "王教授");
        assertThat(GuestAccounts.names("  陳 顧問 ")).containsExactly("陳", "顧問");
    }

    @Test
    void theGuestRealmIsConfiguredWholeOrNotAtAll() {
        assertThat(REALM.isComplete()).isTrue();
        assertThat(ReviewsFixture.NO_GUEST_REALM.isComplete()).isTrue();
        assertThat(realm("agency-guests", "s", null).isComplete()).as("realm without the connector secret").isFalse();
        assertThat(realm("agency-guests", null, "s").isComplete()).as("realm without the client secret").isFalse();
        assertThat(realm(null, "s", null).isComplete()).as("a secret without a realm").isFalse();
        assertThat(realm(" ", null, null).isComplete()).isTrue();
        assertThat(realm(" ", null, null).isConfigured()).isFalse();
        assertThat(REALM.toString()).doesNotContain("guest-client-secret", "connector-secret");
    }

    private static ReviewsProperties.GuestRealm realm(String name, String clientSecret, String connectorSecret) {
        return new ReviewsProperties.GuestRealm(name, "workspace-guests", clientSecret, "workspace-guests-connector",
                connectorSecret, Duration.ofDays(30), Duration.ofSeconds(15), Duration.ofSeconds(30), 3);
    }

    private Review openReview(String caseNumber) {
        Review review = fixture.reviews.create(fixture.newReview(caseNumber, ScoringMethod.TOTAL_SCORE,
                new BigDecimal("75"), ReviewsFixture.fiveMembers()), ALICE);
        return fixture.reviews.open(review.id(), ALICE);
    }

    private static List<String> guestsOf(Review review) {
        return review.members().stream().filter(Review.Member::external).map(Review.Member::guestId).toList();
    }

    private List<String> rows(String wanted, String status) {
        return fixture.database.jdbc().sql("SELECT guest_id FROM review_guest_account WHERE wanted = :w AND status = :s")
                .param("w", wanted).param("s", status).query(String.class).list();
    }

    private static KeycloakAdmin unreachableKeycloak() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return KeycloakAdmin.builder().baseUrl(URI.create("http://127.0.0.1:" + port)).realm(REALM.realm())
                .serviceAccount(REALM.serviceAccountClientId(), REALM.serviceAccountClientSecret())
                .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2)).build();
    }
}
