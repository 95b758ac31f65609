package org.amends.cases.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How status tokens are issued ({@code amends.status-page.*}).
 *
 * @param tokenLifetime how long a token opens the page after it was issued
 * @param linkBase what the token is appended to in the link given to the customer
 */
@ConfigurationProperties("amends.status-page")
public record StatusPageProperties(
        @DefaultValue("90d") Duration tokenLifetime,

        @DefaultValue("http://localhost:8080/api/public/status/")
        String linkBase) {}
