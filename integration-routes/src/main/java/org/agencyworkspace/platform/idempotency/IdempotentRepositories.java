package org.agencyworkspace.platform.idempotency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out persistent idempotent repositories, one per route (Camel's {@code processorName}),
 * all in the {@code CAMEL_MESSAGEPROCESSED} table that Flyway creates. Keys should be the natural
 * id of the outside event: a Keycloak event id, a Matrix event id, a WebDAV path plus ETag.
 *
 * <p>The defaults are kept on purpose: the key is added before processing (so a concurrent
 * duplicate is refused) and removed again if processing fails (so a retry is not mistaken for a
 * duplicate).
 */
@Component
public class IdempotentRepositories {

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Map<String, JdbcMessageIdRepository> repositories = new ConcurrentHashMap<>();

    public IdempotentRepositories(DataSource dataSource, TransactionTemplate transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** The repository for one route or consumer; the same name always gives the same one. */
    public JdbcMessageIdRepository forProcessor(String processorName) {
        if (processorName == null || processorName.isBlank() || processorName.length() > 255) {
            throw new IllegalArgumentException("processor name must be 1 to 255 characters");
        }
        return repositories.computeIfAbsent(processorName, name -> {
            JdbcMessageIdRepository repository =
                    new JdbcMessageIdRepository(dataSource, transactions, name);
            repository.setCreateTableIfNotExists(false);
            return repository;
        });
    }
}
