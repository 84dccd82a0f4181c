package dev.switchboard.broker.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.broker.config.PortsFile;
import dev.switchboard.broker.dispatch.TriggerBindings;
import dev.switchboard.triggers.model.ResourceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard forget NS/TRIGGER [--broker NAME] [--kafka BOOTSTRAP]}: drops the stored progress of a
 * trigger that is gone for good — its consumer groups {@code switchboard.{ns}.{broker}.{trigger}} (its position in
 * the broker's log) and {@code ….redrive} (its redrive position in the dead-letter topic). A removed trigger keeps
 * them on purpose, so that one re-created under the same name resumes where it stopped (docs/dispatch.md,
 * "Triggers that are gone"). Refused while a running server (at {@code --ops}) still serves the trigger.
 */
@Command(
        name = "forget",
        mixinStandardHelpOptions = true,
        description = "Drop the stored position of a trigger that was removed for good (its consumer groups).")
final class ForgetCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NS/TRIGGER", description = "The trigger, as NAMESPACE/NAME.")
    String trigger;

    @Option(names = "--broker", description = "The trigger's broker (default: ${DEFAULT-VALUE}).")
    String broker = "default";

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers (default: the embedded Kafka named in {data-dir}/ports.json).")
    String kafka;

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*), as Kafka's own tools take.")
    Path commandConfig;

    @Mixin
    OpsOptions ops;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ResourceId id = TriggerArgument.parse(spec, trigger);
        if (stillServed(id)) {
            err.println("trigger " + id + " is still served by the running server: remove it from the resources first");
            err.flush();
            return 1;
        }
        String group = TriggerBindings.groupId(id, broker);
        List<String> groups = List.of(group, group + ".redrive");
        try (Admin admin = Admin.create(clientProperties())) {
            Map<String, KafkaFuture<Void>> deleted =
                    admin.deleteConsumerGroups(groups).deletedGroups();
            int failures = 0;
            for (String name : groups) {
                failures += report(name, deleted.get(name), out, err);
            }
            out.flush();
            err.flush();
            return failures == 0 ? 0 : 1;
        }
    }

    private static int report(String group, KafkaFuture<Void> deletion, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        try {
            deletion.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            out.println("deleted consumer group " + group);
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                out.println("no consumer group " + group + " (nothing stored)");
                return 0;
            }
            if (e.getCause() instanceof GroupNotEmptyException) {
                err.println("consumer group " + group + " has members: a server still reads for this trigger");
                return 1;
            }
            err.println("deleting consumer group " + group + " failed: " + e.getCause());
            return 1;
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("deleting consumer group " + group + " timed out");
            return 1;
        }
    }

    /** Whether the server at {@code --ops} lists the trigger; an unreachable server serves nothing. */
    private boolean stillServed(ResourceId id) throws InterruptedException {
        JsonNode triggers;
        try {
            triggers = ops.client().get("/api/v1/triggers");
        } catch (OpsRequestException e) {
            return false;
        }
        for (JsonNode item : triggers.path("items")) {
            JsonNode metadata = item.path("metadata");
            if (id.namespace().equals(metadata.path("namespace").asText())
                    && id.name().equals(metadata.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private Properties clientProperties() throws IOException {
        Properties properties = new Properties();
        if (commandConfig != null) {
            try (InputStream in = Files.newInputStream(commandConfig)) {
                properties.load(in);
            }
        }
        String bootstrap =
                kafka != null ? kafka : new PortsFile(ops.dataDir()).read().kafka();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-forget");
        return properties;
    }
}
