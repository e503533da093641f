package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clients syncing while others write: every answer is well-formed and no change is lost. */
class ConcurrencyTest {
    static DavTestServer server;

    @BeforeAll
    static void start() throws Exception { server = DavTestServer.standard(); }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    static String sync(String token) {
        return "<sync-collection xmlns=\"DAV:\">" + (token == null ? "<sync-token/>" : "<sync-token>" + token + "</sync-token>")
                + "<sync-level>1</sync-level><prop><getetag/></prop></sync-collection>";
    }

    @Test
    void readersAndWritersTogether() throws Exception {
        String cal = "/alice/calendar/";
        String start = Ms.parse(server.alice("REPORT", cal, sync(null), "Depth", "1").body()).syncToken();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int id = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    String n = "w" + id + "-" + i;
                    HttpResponse<String> r = server.put(cal + n + ".ics", Ics.event(n + "@x", "20260501T100000Z", "20260501T110000Z", n));
                    assertEquals(201, r.statusCode(), r.body());
                }
                return null;
            }));
        }
        List<Future<?>> readers = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            readers.add(pool.submit(() -> {
                String token = start;
                while (writing.get()) {
                    HttpResponse<String> r = server.alice("REPORT", cal, sync(token), "Depth", "1");
                    assertEquals(207, r.statusCode(), r.body());
                    token = Ms.parse(r.body()).syncToken();
                    HttpResponse<String> q = server.alice("REPORT", cal, CalendarQueryTest.query("<D:getetag/>",
                            CalendarQueryTest.range("VEVENT", "20260501T000000Z", "20260502T000000Z")), "Depth", "1");
                    assertEquals(207, q.statusCode());
                    Ms.parse(q.body());
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : writers) f.get();
        writing.set(false);
        for (Future<?> f : readers) f.get();
        pool.shutdown();
        Ms all = Ms.parse(server.alice("REPORT", cal, sync(start), "Depth", "1").body());
        assertEquals(120, all.size(), "every write is in the change log");
        assertTrue(reads.get() > 0);
    }
}
