package org.agencyworkspace.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The consented inside-area check: a circle on the map, distances on a spherical Earth. */
class AttendanceAreaTest {

    // Executive Yuan, Taipei, 200 m around it.
    private final AttendanceProperties.AreaCircle office =
            new AttendanceProperties.AreaCircle("行政院", 25.0465, 121.5228, 200);

    @Test
    void pointsWithinTheRadiusAreInsideAndFurtherOnesOutside() {
        assertThat(office.contains(25.0465, 121.5228)).isTrue();
        // 0.0015° of latitude is about 167 m; 0.0020° about 222 m.
        assertThat(office.contains(25.0480, 121.5228)).isTrue();
        assertThat(office.contains(25.0485, 121.5228)).isFalse();
        // Taipei 101 is about 3.5 km away.
        assertThat(office.contains(25.0340, 121.5645)).isFalse();
    }
}
