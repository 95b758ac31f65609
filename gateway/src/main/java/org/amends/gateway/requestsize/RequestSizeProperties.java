package org.amends.gateway.requestsize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway passes on.
 *
 * @param max bodies above this are refused with 413 {@code payload-too-large}
 */
@ConfigurationProperties("amends.gateway.request-size")
record RequestSizeProperties(@DefaultValue("1MB") DataSize max) {}
