package org.switchboard.dav;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.switchboard.dav.memory.InMemoryBackend;
import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.CollectionKind;

/**
 * The engine in an embedded Tomcat on a free port, behind a Basic-auth filter that trusts any user
 * whose password is "secret" (the server module does the real check the same way: a filter before us).
 */
public final class DavTestServer implements AutoCloseable {
    public static final String PASSWORD = "secret";
    /** Time the servlet spent on the last request (without the client and the network). */
    public static volatile long lastServerNanos;
    /** CPU time of the request thread for the last request: a figure a loaded machine does not distort much. */
    public static volatile long lastServerCpuNanos;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    public final InMemoryBackend backend;
    private final Tomcat tomcat;
    public final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DavTestServer(InMemoryBackend backend, DavConfig config) throws LifecycleException, IOException {
        this.backend = backend;
        tomcat = new Tomcat();
        Path base = Files.createTempDirectory("dav-tomcat");
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context ctx = tomcat.addContext("", base.toString());
        Tomcat.addServlet(ctx, "dav", new DavServlet(backend, config));
        ctx.addServletMappingDecoded("/*", "dav");
        FilterDef fd = new FilterDef();
        fd.setFilterName("basic");
        fd.setFilter(basicAuth());
        ctx.addFilterDef(fd);
        FilterMap fm = new FilterMap();
        fm.setFilterName("basic");
        fm.addURLPattern("/*");
        ctx.addFilterMap(fm);
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
    }

    /** alice (own calendar + address book), bob (private calendar), a read-only virtual calendar, a shared one. */
    public static DavTestServer standard() throws Exception {
        InMemoryBackend b = new InMemoryBackend()
                .addPrincipal("alice", "Alice Archer", "alice@example.com")
                .addPrincipal("bob", "Bob Baker", "bob@example.com");
        b.addCollection("alice", "calendar", CollectionKind.CALENDAR, "Alice's calendar", false);
        b.addCollection("alice", "contacts", CollectionKind.ADDRESS_BOOK, "Alice's contacts", false);
        b.addCollection("alice", "pipeline", CollectionKind.CALENDAR, "Opportunities (computed)", true);
        b.addCollection("bob", "private", CollectionKind.CALENDAR, "Bob's private calendar", false);
        b.addCollection("bob", "team", CollectionKind.CALENDAR, "Team calendar", false);
        b.share("bob", "team", "alice", Access.READ_WRITE);
        return new DavTestServer(b, DavConfig.defaults().withMaxResourceSize(64 * 1024));
    }

    private static Filter basicAuth() {
        return (request, response, chain) -> {
            HttpServletRequest req = (HttpServletRequest) request;
            String h = req.getHeader("Authorization");
            if (h != null && h.startsWith("Basic ")) {
                String[] up = new String(Base64.getDecoder().decode(h.substring(6)), StandardCharsets.UTF_8).split(":", 2);
                if (up.length == 2 && up[1].equals(PASSWORD)) {
                    Principal p = () -> up[0];
                    request = new HttpServletRequestWrapper(req) {
                        @Override public Principal getUserPrincipal() { return p; }
                        @Override public String getRemoteUser() { return up[0]; }
                    };
                }
            }
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            chain.doFilter(request, response);
            lastServerNanos = System.nanoTime() - t0;
            lastServerCpuNanos = CPU.getCurrentThreadCpuTime() - c0;
        };
    }

    public String url(String path) { return "http://127.0.0.1:" + port + path; }

    public HttpResponse<String> send(String user, String method, String path, String body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            }
            for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> alice(String method, String path, String body, String... headers) {
        return send("alice", method, path, body, headers);
    }

    public HttpResponse<String> put(String path, String ics, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = path.endsWith(".vcf") ? "text/vcard; charset=utf-8" : "text/calendar; charset=utf-8";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return alice("PUT", path, ics, all);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
