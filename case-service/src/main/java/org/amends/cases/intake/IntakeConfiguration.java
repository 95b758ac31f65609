package org.amends.cases.intake;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules the purge of expired idempotency keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration implements SchedulingConfigurer {

    private final IdempotencyKeys keys;
    private final IntakeProperties properties;

    IntakeConfiguration(IdempotencyKeys keys, IntakeProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(keys::purge, properties.idempotencyPurgeInterval());
    }
}
