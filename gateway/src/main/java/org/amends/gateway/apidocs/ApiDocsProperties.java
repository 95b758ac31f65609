package org.amends.gateway.apidocs;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services' OpenAPI documents are published.
 *
 * @param publicUrl the gateway's address as partners reach it; each document's {@code servers} is set to it, so
 *     that a generated client or Swagger UI calls the gateway and never a service directly
 */
@ConfigurationProperties("amends.gateway.api-docs")
record ApiDocsProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl) {}
