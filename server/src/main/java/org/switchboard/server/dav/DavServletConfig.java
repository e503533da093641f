package org.switchboard.server.dav;

import org.switchboard.dav.DavConfig;
import org.switchboard.dav.DavServlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the caldav engine under {@code /dav} (docs/adr/0006-dav-mount.md): the web UI owns the root.
 * {@code /.well-known/caldav} and {@code /.well-known/carddav} at the root answer 301 to {@code /dav/}
 * (RFC 6764 §5; TbSync needs a 301).
 */
@Configuration
class DavServletConfig {
    static final String PREFIX = "/dav";

    @Bean
    ServletRegistrationBean<DavServlet> davServlet(DatabaseDavBackend backend) {
        var bean = new ServletRegistrationBean<>(new DavServlet(backend, DavConfig.defaults().withPathPrefix(PREFIX)), PREFIX, PREFIX + "/*");
        bean.setName("dav");
        bean.setLoadOnStartup(1);
        return bean;
    }

    @Bean
    ServletRegistrationBean<WellKnown> davWellKnown() {
        var bean = new ServletRegistrationBean<>(new WellKnown(), "/.well-known/caldav", "/.well-known/carddav");
        bean.setName("dav-well-known");
        return bean;
    }

    /** Every method gets the redirect: clients discover with GET or PROPFIND. */
    static final class WellKnown extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setStatus(301);
            resp.setHeader("Location", req.getContextPath() + PREFIX + "/");
            resp.setContentLength(0);
        }
    }
}
