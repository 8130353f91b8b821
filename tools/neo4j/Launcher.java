import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Starts an embedded Neo4j Community DBMS with the Bolt connector on 127.0.0.1.
 *
 * <p>Usage: {@code Launcher <home> <port> <ready-file> [password] [pagecache] [txmax]}.
 * With a password, authentication is on and the {@code neo4j} user gets it; without,
 * authentication is off. The ready file receives the Bolt URI once the default
 * database is available. SIGTERM and SIGINT shut the DBMS down cleanly.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Launcher <home> <port> <ready-file> [password] [pagecache] [txmax]");
            System.exit(64);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path ready = Path.of(args[2]);
        String password = args.length > 3 && !args[3].isEmpty() ? args[3] : null;
        String pagecache = args.length > 4 ? args[4] : "128m";
        String txMax = args.length > 5 ? args[5] : "512m";

        SocketAddress address = new SocketAddress("127.0.0.1", port);
        // Memory and log settings go through a conf file so that their values
        // are plain strings, parsed by Neo4j exactly as in a server's neo4j.conf.
        Files.createDirectories(home);
        Path conf = home.resolve("neo4j-local.conf");
        Files.writeString(conf, String.join("\n",
                "server.memory.pagecache.size=" + pagecache,
                "dbms.memory.transaction.total.max=" + txMax,
                "db.tx_log.rotation.retention_policy=2 files",
                "") , StandardCharsets.UTF_8);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, address)
                .setConfig(BoltConnector.advertised_address, address)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("neo4j-local: shutting down");
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofSeconds(120).toMillis())) {
            System.err.println("neo4j-local: the default database did not become available within 120 s");
            System.exit(70);
        }
        if (password != null) {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            try {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));
            } catch (RuntimeException e) {
                // A restart on an existing data folder: the password is already
                // set to this value, which Neo4j reports as an error.
                if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                    throw e;
                }
            }
        }
        String uri = "bolt://127.0.0.1:" + port;
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.err.println("neo4j-local: READY " + uri);
        stopped.await();
    }
}
