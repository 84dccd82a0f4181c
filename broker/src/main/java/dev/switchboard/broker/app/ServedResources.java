package dev.switchboard.broker.app;

import dev.switchboard.broker.config.ServerConfig;
import dev.switchboard.broker.telemetry.MetricNames;
import dev.switchboard.triggers.model.Diagnostic;
import dev.switchboard.triggers.model.EgressAuthCatalog;
import dev.switchboard.triggers.model.ResourceSet;
import dev.switchboard.triggers.reload.Generation;
import dev.switchboard.triggers.reload.ReloadResult;
import dev.switchboard.triggers.reload.ResourceReloader;
import dev.switchboard.triggers.reload.WatchedPaths;
import dev.switchboard.triggers.reload.WatchedResources;
import dev.switchboard.triggers.yaml.LoadResult;
import dev.switchboard.triggers.yaml.ResourceLoader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource set being served (docs/triggers.md "Hot reload"): validated at startup, then watched; a change that
 * validates is applied (new brokers' topics provisioned first), one that does not is rejected whole and
 * logged while the last good set keeps running. Every outcome is counted in
 * {@code switchboard_config_reloads_total{result}}.
 */
final class ServedResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServedResources.class);

    private final WatchedResources watched;

    private ServedResources(WatchedResources watched) {
        this.watched = watched;
    }

    /** Loads and validates the resources, serves them through {@code brokers}, and starts watching. */
    static ServedResources start(ServerConfig config, BrokerTopics brokers, MeterRegistry registry, Clock clock)
            throws InvalidResourcesException, IOException {
        WatchedPaths paths = ResourcePaths.of(config);
        EgressAuthCatalog credentials = EgressAuthNames.of(config.egressAuth());
        LoadResult initial = new ResourceLoader(credentials).load(paths.present(), ResourcePaths.refs(config));
        if (!(initial instanceof LoadResult.Valid valid)) {
            throw new InvalidResourcesException(initial.diagnostics(), initial.summary());
        }
        initial.warnings().forEach(warning -> LOG.warn("resources: {}", warning.render()));
        ResourceSet resources = valid.resources();
        brokers.serve(resources);
        LOG.info(
                "serving {} broker(s) and {} trigger(s) from {}",
                resources.brokers().size(),
                resources.triggers().size(),
                paths.present().isEmpty() ? "no resource files (implicit broker default/default)" : paths.present());
        if (!paths.optional().isEmpty() && paths.present().isEmpty()) {
            LOG.info("watching for {} to appear", paths.optional());
        }
        WatchedResources watched = WatchedResources.start(
                paths,
                ResourcePaths.refs(config),
                credentials,
                resources,
                WatchedResources.DEFAULT_QUIET_PERIOD,
                clock);
        Counter applied = reloads(registry, ReloadResult.Outcome.APPLIED);
        Counter rejected = reloads(registry, ReloadResult.Outcome.REJECTED);
        watched.reloader().addListener((result, current) -> {
            if (result.isApplied()) {
                applied.increment();
                onApplied(brokers, current);
            } else {
                rejected.increment();
                LOG.error(
                        "resource change rejected, generation {} keeps running:{}{}",
                        current.number(),
                        System.lineSeparator(),
                        String.join(
                                System.lineSeparator(),
                                result.diagnostics().stream()
                                        .map(Diagnostic::render)
                                        .toList()));
            }
        });
        return new ServedResources(watched);
    }

    private static void onApplied(BrokerTopics brokers, Generation current) {
        try {
            brokers.serve(current.resources());
            LOG.info(
                    "applied resource generation {}: {} broker(s), {} trigger(s)",
                    current.number(),
                    current.resources().brokers().size(),
                    current.resources().triggers().size());
        } catch (RuntimeException e) {
            LOG.error("could not provision the topics of generation {}", current.number(), e);
        }
    }

    private static Counter reloads(MeterRegistry registry, ReloadResult.Outcome outcome) {
        return Counter.builder(MetricNames.CONFIG_RELOADS)
                .description("Resource reloads by result")
                .tag(MetricNames.TAG_RESULT, outcome.wireName())
                .register(registry);
    }

    ResourceReloader reloader() {
        return watched.reloader();
    }

    @Override
    public void close() throws IOException {
        watched.close();
    }
}
