package org.amends.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ApiDocsGatewayFilterFactoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final URI GATEWAY = URI.create("https://api.amends.example");

    @Test
    void theGatewayReplacesEveryServerTheServiceNamedAndTheRestIsKept() {
        var document = """
                {"openapi":"3.1.0","info":{"title":"case"},
                 "servers":[{"url":"http://case-service:8081"},{"url":"http://10.0.0.4:8081"}],
                 "paths":{"/api/cases":{}}}
                """;

        var rewritten = JSON.readTree(rewrite(document.getBytes(StandardCharsets.UTF_8)));

        assertThat(rewritten.path("servers").size()).isEqualTo(1);
        assertThat(rewritten.path("servers").path(0).path("url").asString()).isEqualTo("https://api.amends.example");
        assertThat(rewritten.path("paths").has("/api/cases")).isTrue();
        assertThat(rewritten.propertyNames()).containsExactly("openapi", "info", "servers", "paths");
    }

    @Test
    void aDocumentWithoutServersGetsTheGateway() {
        var rewritten = JSON.readTree(rewrite("{\"openapi\":\"3.1.0\",\"paths\":{}}".getBytes(StandardCharsets.UTF_8)));

        assertThat(rewritten.path("servers").path(0).path("url").asString()).isEqualTo("https://api.amends.example");
    }

    @Test
    void jsonThatIsNotAnOpenApiDocumentIsRefused() {
        assertThatThrownBy(() -> rewrite("{\"status\":404}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiDocsGatewayFilterFactory.NotAnOpenApiDocument.class);
        assertThatThrownBy(() -> rewrite("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiDocsGatewayFilterFactory.NotAnOpenApiDocument.class);
    }

    private static byte[] rewrite(byte[] document) {
        return ApiDocsGatewayFilterFactory.withGatewayAsServer(JSON, GATEWAY, document);
    }
}
