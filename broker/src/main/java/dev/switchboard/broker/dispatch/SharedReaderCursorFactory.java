package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.EventDelivery;
import dev.switchboard.broker.log.TopicNames;
import dev.switchboard.triggers.filter.FilterCompiler;
import dev.switchboard.triggers.model.ResourceId;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Opens each trigger's cursor on its broker's shared reader (docs/architecture.md principle 4, scale step): positions the
 * trigger's own group ({@link StartPositions}), then hands a {@link CursorState} — its window on a Vert.x
 * event-loop context of its own — to the one {@link BrokerReader} of the broker in this process, started with the
 * first trigger of that broker.
 *
 * <pre>
 *   open(binding) ─▶ position group switchboard.{ns}.{broker}.{trigger} ─▶ CursorState ─▶ BrokerReader(topic).add
 * </pre>
 */
public final class SharedReaderCursorFactory implements CursorFactory {
    /** Catch-up consumers per broker and process, whatever the number of triggers. */
    static final int CATCH_UP_SLOTS = 4;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final CursorSettings settings;
    private final StartPositions positions;
    private final TriggerProgress progress;
    private final Vertx vertx;
    private final EventDelivery delivery;
    private final FilterCompiler compiler;
    private final DeadLetterRedrive redrives;
    private final TriggerBacklogs backlogs;
    private final Map<String, BrokerReader> readers = new HashMap<>();
    private final AtomicInteger catchUpConsumers = new AtomicInteger();

    public SharedReaderCursorFactory(
            CursorSettings settings,
            Admin admin,
            Vertx vertx,
            EventDelivery delivery,
            FilterCompiler compiler,
            TriggerBacklogs backlogs) {
        this.settings = settings;
        this.positions = new StartPositions(admin, settings.kafkaTimeout());
        this.progress = new TriggerProgress(admin, settings.kafkaTimeout());
        this.vertx = vertx;
        this.delivery = delivery;
        this.compiler = compiler;
        this.redrives = new DeadLetterRedrive(settings, positions);
        this.backlogs = backlogs;
    }

    @Override
    public synchronized TriggerCursor open(TriggerBinding binding) {
        TriggerCursor cursor = open(
                binding,
                positions.ensure(
                        binding.groupId(), binding.topic(), binding.options().startFrom()));
        startReaders();
        return cursor;
    }

    /** Positions every trigger's group in a few batched calls, then opens each (a thousand at startup). */
    @Override
    public synchronized Map<ResourceId, TriggerCursor> openAll(List<TriggerBinding> bindings) {
        Map<String, Map<TopicPartition, Long>> stored = positions.ensureAll(bindings.stream()
                .map(binding -> new StartPositions.Group(
                        binding.groupId(), binding.topic(), binding.options().startFrom()))
                .toList());
        Map<ResourceId, TriggerCursor> opened = new LinkedHashMap<>();
        bindings.forEach(binding -> opened.put(binding.id(), open(binding, stored.get(binding.groupId()))));
        startReaders();
        return opened;
    }

    private TriggerCursor open(TriggerBinding binding, Map<TopicPartition, Long> stored) {
        // a context of its own per trigger: getOrCreateContext() would stick every window opened from one thread
        // to one event loop
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        DeliveryWindow window = new DeliveryWindow(context, delivery, binding, System::nanoTime);
        CursorState state = new CursorState(
                binding,
                compiler.compile(binding.filter()),
                compiler,
                window,
                backlogs.open(binding.id()),
                System.nanoTime());
        BrokerReader reader = readers.computeIfAbsent(
                binding.topic(), topic -> newReader(topic, binding.target().broker()));
        reader.add(state, stored);
        return new SharedCursor(reader, binding.id(), window, redrives);
    }

    /**
     * Starts the readers opened since the last call, after their first triggers were added: the reader's first
     * partitions then start where those triggers are, not at the log end with the triggers left behind.
     */
    private void startReaders() {
        readers.values().forEach(BrokerReader::start);
    }

    /** Stops every broker's shared reader (after the dispatcher stopped every cursor): each leaves its group. */
    @Override
    public void close() {
        List<Future<Void>> closing;
        synchronized (this) {
            closing = new ArrayList<>();
            readers.values().forEach(reader -> closing.add(reader.close()));
            readers.clear();
        }
        try {
            Future.join(closing).await(CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(SharedReaderCursorFactory.class)
                    .warn("shared readers did not stop in time: {}", e.toString());
        }
    }

    /**
     * The broker's group: {@code switchboard.{ns}.{broker}}, named like its own topic (also when an external topic backs
     * it, docs/configuration.md). It divides partitions only.
     */
    static String brokerGroup(ResourceId broker) {
        return TopicNames.events(broker.namespace(), broker.name());
    }

    private BrokerReader newReader(String topic, ResourceId broker) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(CursorConsumerSettings.sharedReader(
                settings.bootstrapServers(), settings.consumerOverrides(), brokerGroup(broker), settings.instanceId()));
        CatchUpReaders catchUps = new CatchUpReaders(
                CATCH_UP_SLOTS,
                topic,
                () -> new KafkaConsumer<>(CursorConsumerSettings.catchUpReader(
                        settings.bootstrapServers(),
                        settings.consumerOverrides(),
                        topic + "-catch-up-" + catchUpConsumers.incrementAndGet() + "-" + settings.instanceId())),
                System::nanoTime);
        return new BrokerReader(
                topic, consumer, catchUps, progress, compiler, backlogs.skippedRecords(broker), System::nanoTime);
    }

    /** A trigger's handle on its broker's shared reader; a redrive feeds the trigger's own window. */
    private record SharedCursor(
            BrokerReader reader, ResourceId trigger, DeliveryWindow window, DeadLetterRedrive redrives)
            implements TriggerCursor {
        @Override
        public void update(TriggerBinding binding) {
            // the window first, from the caller's thread: a pause takes effect before any record read afterwards
            // reaches the window, even while the reader has not yet run the command
            window.update(binding);
            reader.update(trigger, binding);
        }

        @Override
        public Future<Integer> replay(Instant from) {
            return reader.replay(trigger, from);
        }

        @Override
        public Future<Integer> redrive(TriggerBinding binding) {
            return redrives.start(binding, window);
        }

        @Override
        public Future<Void> stop(Duration drain) {
            return reader.stop(trigger, drain);
        }
    }
}
