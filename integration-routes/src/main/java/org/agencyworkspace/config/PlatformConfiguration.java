package org.agencyworkspace.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Small shared beans: the clock, replaceable in tests. */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
