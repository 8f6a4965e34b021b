package org.agencyworkspace.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo agency's sample content ({@code workspace.demo.*}).
 *
 * @param content seed department folders with sample files at each level, a pending approval
 *     and an incident once the demo accounts exist; off unless asked for ({@code bin/workspace
 *     run} sets {@code WORKSPACE_DEMO=true}, which also seeds the accounts)
 */
@ConfigurationProperties("workspace.demo")
public record DemoContentProperties(@DefaultValue("false") boolean content) {
}
