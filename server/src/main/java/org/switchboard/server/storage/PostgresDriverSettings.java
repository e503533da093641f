package org.switchboard.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Driver settings the server relies on when it runs on PostgreSQL, whatever URL the operator configured:
 * {@code reWriteBatchedInserts} turns a JDBC batch of INSERTs ({@link BatchInsert}) into multi-row
 * statements, several times faster for imports. Set here rather than in application.yml because H2's
 * driver refuses settings it does not know, and the URL is the operator's to write.
 */
@Component
class PostgresDriverSettings implements BeanPostProcessor {
    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !hikari.getJdbcUrl().contains("reWriteBatchedInserts")) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
