package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ConfigException;
import dev.switchboard.broker.config.ConfigLoader;
import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.log.KafkaAccessException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code switchboard run} (docs/cli.md): loads the configuration (flag &gt; env &gt; file &gt; default), starts
 * the server, prints the banner, and on SIGTERM or SIGINT drains and exits 0. Bad configuration exits 2.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the Switchboard server.")
final class RunCommand implements Callable<Integer> {
    static final int EXIT_BAD_CONFIG = 2;
    /** Kafka refused the credentials or certificate, or did not answer (docs/configuration.md): the server never got ready. */
    static final int EXIT_NO_KAFKA = 1;

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Server config YAML (switchboard.yaml; default: the file SWITCHBOARD_CONFIG names).")
    Path configFile;

    @Option(
            names = "--resources",
            arity = "1..*",
            paramLabel = "PATH",
            description = "Broker/Trigger YAML files or folders (default: ./switchboard.d if it exists).")
    List<Path> resources;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Embedded Kafka storage (default: ./data).")
    Path dataDir;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers (omit for embedded).")
    String kafka;

    @Option(names = "--ingress-port", paramLabel = "N", description = "Ingress port (0 = any free port).")
    Integer ingressPort;

    @Option(names = "--ops-port", paramLabel = "N", description = "Operations port (0 = any free port).")
    Integer opsPort;

    private final Map<String, String> environment;

    RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = new ConfigLoader().load(Optional.ofNullable(configFile), environment, flags());
        } catch (ConfigException e) {
            err.println("switchboard: invalid configuration");
            err.println(e.getMessage());
            err.flush();
            return EXIT_BAD_CONFIG;
        }
        ConsoleLogFormat.apply(config.logging().format());
        config.warnings().forEach(warning -> LOG.warn("config: {}", warning));

        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());

        SwitchboardServer server;
        try {
            server = SwitchboardServer.start(config);
        } catch (InvalidResourcesException e) {
            err.println("switchboard: invalid resources");
            err.println(e.getMessage());
            err.flush();
            return EXIT_BAD_CONFIG;
        } catch (KafkaAccessException e) {
            err.println("switchboard: cannot use Kafka: " + e.getMessage());
            err.flush();
            LOG.error("cannot use Kafka: {}", e.getMessage());
            return EXIT_NO_KAFKA;
        }
        out.println(Banner.render(config, server.ports(), server.resources()));
        out.flush();
        stop.await();
        LOG.info("shutting down: draining for at most {}", config.shutdown().drainTimeout());
        server.drainAndStop();
        LOG.info("stopped");
        return 0;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (resources != null) {
            flags.put("resources", resources.stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        if (dataDir != null) {
            flags.put("dataDir", dataDir.toString());
        }
        if (kafka != null) {
            flags.put("kafka.bootstrapServers", kafka);
        }
        if (ingressPort != null) {
            flags.put("ingress.port", ingressPort.toString());
        }
        if (opsPort != null) {
            flags.put("ops.port", opsPort.toString());
        }
        return flags;
    }
}
