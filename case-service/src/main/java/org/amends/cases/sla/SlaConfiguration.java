package org.amends.cases.sla;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the SLA clock scan at the configured interval. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
class SlaConfiguration implements SchedulingConfigurer {

    private final SlaClock clock;
    private final SlaProperties properties;

    SlaConfiguration(SlaClock clock, SlaProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(clock::scan, properties.scanInterval());
    }
}
