package org.agencyworkspace.security.stepup;

import java.time.Clock;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The step-up gate; the {@link StepUpMethod} comes from the active sign-in mode. */
@Configuration(proxyBeanMethods = false)
public class StepUpConfiguration {

    @Bean
    StepUpPolicy stepUpPolicy(SecurityProperties security, Clock clock) {
        return new StepUpPolicy(security.stepUp(), clock);
    }

    @Bean
    StepUpAudit stepUpAudit(AuditTrail audit) {
        return new StepUpAudit(audit);
    }

    @Bean
    StepUpGate stepUpGate(StepUpPolicy policy, StepUpMethod method) {
        return new StepUpGate(policy, method);
    }
}
