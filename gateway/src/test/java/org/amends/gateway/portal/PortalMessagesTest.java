package org.amends.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PortalMessagesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void englishAndSpanishHaveTheSameKeys() {
        assertThat(PortalPages.bundle("es").keySet())
                .containsExactlyInAnyOrderElementsOf(PortalPages.bundle("en").keySet());
    }

    @Test
    void spanishIsNotEnglish() {
        assertThat(PortalPages.bundle("es").get("nav.signOut")).isEqualTo("Cerrar sesión");
        assertThat(PortalPages.bundle("en").get("nav.signOut")).isEqualTo("Sign out");
    }

    @Test
    void everyKeyThePagesNameIsInTheBundle() throws IOException {
        var keys = PortalPages.bundle("en").keySet();
        var named = Pattern.compile("data-i18n(?:-label|-value)?=\"([a-zA-Z0-9._]+)\"");
        try (Stream<Path> pages = Files.list(RESOURCES.resolve("portal/pages"))) {
            for (var page : pages.toList()) {
                var matcher = named.matcher(Files.readString(page));
                while (matcher.find()) {
                    assertThat(keys)
                            .as("%s names %s", page.getFileName(), matcher.group(1))
                            .contains(matcher.group(1));
                }
            }
        }
    }

    @Test
    void everyKeyTheScriptsNameIsInTheBundle() throws IOException {
        var keys = PortalPages.bundle("en").keySet();
        var named = Pattern.compile("\\bt\\(\"([a-zA-Z0-9._]+)\"");
        try (Stream<Path> scripts = Files.list(RESOURCES.resolve("static/assets"))) {
            for (var script :
                    scripts.filter(path -> path.toString().endsWith(".js")).toList()) {
                var matcher = named.matcher(Files.readString(script));
                while (matcher.find()) {
                    assertThat(keys)
                            .as("%s names %s", script.getFileName(), matcher.group(1))
                            .contains(matcher.group(1));
                }
            }
        }
    }

    @Test
    void theStaffPagesAreServedWithTheSharedHeaderInPlaceOfTheirMarker() {
        var queue = new String(PortalPages.assemble("queue"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(queue)
                .contains("<nav")
                .contains("href=\"/portal/incidents\"")
                .doesNotContain("staff header");
        var status = new String(PortalPages.assemble("status"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(status).doesNotContain("href=\"/portal/incidents\"");
    }

    @Test
    void noPageHasInlineScriptOrStyle() throws IOException {
        try (Stream<Path> pages = Files.list(RESOURCES.resolve("portal/pages"))) {
            for (var page : pages.toList()) {
                var html = Files.readString(page);
                assertThat(html).as(page.toString()).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
                assertThat(html).as(page.toString()).doesNotContain("style=").doesNotContain("<style");
                assertThat(html).as(page.toString()).doesNotContainPattern("\\son[a-z]+=");
            }
        }
    }
}
