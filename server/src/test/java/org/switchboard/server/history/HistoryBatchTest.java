package org.switchboard.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.server.testing.TestDatabases;

/** Entries appended while a {@link HistoryBatch} is open are inserted together, in order, and read back inside the batch. */
@SpringBootTest
class HistoryBatchTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    HistoryRepository history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void entriesOfABatchAreSeenInsideItAndKeepTheirOrder() {
        String name = "Batch " + UUID.randomUUID();
        jdbc.sql("INSERT INTO partner (kind, name) VALUES ('COMPANY', ?)").param(name).update();
        long partner = jdbc.sql("SELECT id FROM partner WHERE name = ?").param(name).query(Long.class).single();

        List<String> seenInside = tx.execute(status -> {
            try (HistoryBatch batch = HistoryBatch.open()) {
                history.append(entry(partner, "first"));
                history.append(entry(partner, "second"));
                long written = jdbc.sql("SELECT COUNT(*) FROM history_entry WHERE partner_id = ?").param(partner).query(Long.class).single();
                assertThat(written).as("held until flushed").isZero();
                List<String> read = history.forPartner(partner, null, 10).stream().map(HistoryEntry::summary).toList();
                history.append(entry(partner, "third"));
                history.flush();
                return read;
            }
        });

        assertThat(seenInside).containsExactly("second", "first");
        assertThat(history.forPartner(partner, null, 10).stream().map(HistoryEntry::summary).toList())
                .containsExactly("third", "second", "first");
        history.append(entry(partner, "after the batch"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM history_entry WHERE partner_id = ?").param(partner).query(Long.class).single())
                .as("without a batch each entry is inserted at once").isEqualTo(4);
    }

    private static HistoryRepository.NewEntry entry(long partner, String summary) {
        return new HistoryRepository.NewEntry(null, partner, null, null, HistoryKind.NOTE, summary, null, List.of());
    }
}
