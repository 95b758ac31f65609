package org.amends.gateway.requestsize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway passes on.
 *
 * @param max bodies above this are refused with 413 {@code payload-too-large}
 * @param bulkMax the same for the one streamed bulk upload, an incident's list of affected customers
 *     ({@code POST /api/incidents/{id}/affected}), which case-service stores line by line without holding it
 */
@ConfigurationProperties("amends.gateway.request-size")
record RequestSizeProperties(
        @DefaultValue("1MB") DataSize max,
        @DefaultValue("512MB") DataSize bulkMax) {}
