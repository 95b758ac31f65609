package org.amends.remedies.fulfilment.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Keeps webhook deliveries out of internal networks (server-side request forgery): {@code https} only in production
 * mode, no user info, and every address the host resolves to must be public, so never loopback (unless a test allows
 * it), private, link-local (which includes the cloud metadata address 169.254.169.254), carrier-grade NAT, unique-local
 * IPv6, multicast or unspecified. Checked at registration and again before each delivery, because a name's addresses
 * can change after registration (DNS rebinding).
 */
final class WebhookUrlGuard {

    /** Resolves a host name to all its addresses; the JDK's resolver in production, a fixed table in unit tests. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean productionMode;
    private final boolean allowLoopback;
    private final Resolver resolver;

    WebhookUrlGuard(boolean productionMode, boolean allowLoopback, Resolver resolver) {
        this.productionMode = productionMode;
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    static WebhookUrlGuard of(WebhookProperties properties) {
        return new WebhookUrlGuard(
                properties.productionMode(),
                properties.allowLoopback(),
                host -> List.of(InetAddress.getAllByName(host)));
    }

    /** The URL, if it is safe to deliver to; otherwise an {@link UnsafeWebhookUrlException} saying why. */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnsafeWebhookUrlException("is not a URL");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (productionMode ? !scheme.equals("https") : !(scheme.equals("https") || scheme.equals("http"))) {
            throw new UnsafeWebhookUrlException(productionMode ? "must be an https URL" : "must be an http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeWebhookUrlException("must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            throw new UnsafeWebhookUrlException("must not carry a fragment");
        }
        var host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new UnsafeWebhookUrlException("must name a host");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new UnsafeWebhookUrlException("host does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new UnsafeWebhookUrlException("host does not resolve");
        }
        for (var address : addresses) {
            var refusal = refusal(address);
            if (refusal != null) {
                throw new UnsafeWebhookUrlException("resolves to a " + refusal + " address");
            }
        }
        return uri;
    }

    private @Nullable String refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            var bytes = v6.getAddress();
            if (isIpv4Mapped(bytes)) {
                try {
                    return refusal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
            if ((bytes[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local or metadata";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address) {
            var b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first >= 240) {
                return "reserved";
            }
        }
        return null;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
