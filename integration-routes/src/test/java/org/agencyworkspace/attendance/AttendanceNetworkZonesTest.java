package org.agencyworkspace.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Office networks, and X-Forwarded-For believed only from trusted proxies. */
class AttendanceNetworkZonesTest {

    private final NetworkZones zones = new NetworkZones(List.of("10.20.0.0/16", "2001:db8:1::/48"),
            List.of("127.0.0.1/32"));

    @Test
    void addressesInsideTheOfficeBlocksAreOfficeAndTheRestOutside() {
        assertThat(zones.zone("10.20.3.4", null)).isEqualTo("office");
        assertThat(zones.zone("10.21.0.1", null)).isEqualTo("outside");
        assertThat(zones.zone("2001:db8:1:ff::1", null)).isEqualTo("office");
        assertThat(zones.zone("2001:db8:2::1", null)).isEqualTo("outside");
        assertThat(zones.zone("not-an-address", null)).isEqualTo("outside");
    }

    @Test
    void aForwardedForHeaderCountsOnlyFromATrustedProxy() {
        assertThat(zones.zone("127.0.0.1", "10.20.1.1")).isEqualTo("office");
        assertThat(zones.zone("198.51.100.7", "10.20.1.1")).as("spoofed by the client").isEqualTo("outside");
        // The client wrote an office address itself; the proxy appended the real one.
        assertThat(zones.zone("127.0.0.1", "10.20.1.1, 198.51.100.7")).isEqualTo("outside");
    }
}
