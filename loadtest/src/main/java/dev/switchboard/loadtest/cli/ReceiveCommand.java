package dev.switchboard.loadtest.cli;

import dev.switchboard.loadtest.load.Ledger;
import dev.switchboard.loadtest.measure.ArrivalWait;
import dev.switchboard.loadtest.measure.Reconciliation;
import dev.switchboard.loadtest.receive.Receiver;
import dev.switchboard.loadtest.receive.ReceiverBehaviour;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A subscriber for Trigger YAML to point at; with {@code --ledger}, waits for the ledger's ids and prints
 * missing and duplicated ones; without, runs for {@code --for}, printing a line a second.
 */
@Command(
        name = "receive",
        mixinStandardHelpOptions = true,
        description = "Receive deliveries, record latency and loss.")
final class ReceiveCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8081")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--delay", defaultValue = "PT0S", description = "answer each delivery after this long")
    Duration delay;

    @Option(names = "--fail-share", defaultValue = "0", description = "share of deliveries answered 503, 0..1")
    double failShare;

    @Option(names = "--ledger", description = "'id type' lines from generate --ledger: report missing/duplicates")
    Path ledgerFile;

    @Option(names = "--idle", defaultValue = "PT30S", description = "with --ledger: give up after this long idle")
    Duration idle;

    @Option(names = "--for", defaultValue = "PT1H", description = "longest run")
    Duration runFor;

    @Override
    public Integer call() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Receiver receiver = Receiver.start(
                            vertx,
                            host,
                            port,
                            new ReceiverBehaviour(delay, failShare),
                            Clock.systemUTC(),
                            System::nanoTime)
                    .await(30, TimeUnit.SECONDS);
            System.out.println("receiving on http://" + host + ":" + receiver.port() + "/{trigger}");
            if (ledgerFile == null) {
                new ArrivalWait(runFor, runFor, System::nanoTime)
                        .await(() -> receiver.book().received(), Long.MAX_VALUE);
                return 0;
            }
            Ledger ledger = Ledger.readFrom(ledgerFile);
            ArrivalWait.Outcome waited = new ArrivalWait(idle, runFor, System::nanoTime)
                    .await(() -> receiver.book().distinct(), ledger.size());
            receiver.book().sample();
            Reconciliation result = receiver.book().reconcile(ledger.ids());
            System.out.println(waited.reason());
            System.out.printf(
                    "expected %d, received %d, missing %d, duplicates %d, unexpected %d, p99 %.1f ms%n",
                    result.expected(),
                    result.received(),
                    result.missing(),
                    result.duplicates(),
                    result.unexpected(),
                    receiver.book().all().total().getValueAtPercentile(99) / 1000.0);
            if (!result.missingSample().isEmpty()) {
                System.out.println("some missing: " + result.missingSample());
            }
            return result.complete() ? 0 : 1;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
