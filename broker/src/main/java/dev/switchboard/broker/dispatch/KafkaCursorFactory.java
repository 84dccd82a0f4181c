package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.EventDelivery;
import dev.switchboard.triggers.filter.FilterCompiler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Opens each trigger's cursor as its own consumer group {@code switchboard.{ns}.{broker}.{trigger}}: positions
 * the group ({@link StartPositions}), then starts a {@link KafkaTriggerCursor} whose deliveries run in a
 * {@link DeliveryWindow} on a Vert.x event-loop context of its own.
 */
public final class KafkaCursorFactory implements CursorFactory {
    private final CursorSettings settings;
    private final StartPositions positions;
    private final Vertx vertx;
    private final EventDelivery delivery;
    private final FilterCompiler compiler;
    private final DeadLetterRedrive redrives;
    private final TriggerBacklogs backlogs;

    public KafkaCursorFactory(
            CursorSettings settings,
            Admin admin,
            Vertx vertx,
            EventDelivery delivery,
            FilterCompiler compiler,
            TriggerBacklogs backlogs) {
        this.settings = settings;
        this.positions = new StartPositions(admin, settings.kafkaTimeout());
        this.vertx = vertx;
        this.delivery = delivery;
        this.compiler = compiler;
        this.redrives = new DeadLetterRedrive(settings, positions, delivery);
        this.backlogs = backlogs;
    }

    @Override
    public TriggerCursor open(TriggerBinding binding) {
        positions.ensure(binding.groupId(), binding.topic(), binding.options().startFrom());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(CursorConsumerSettings.of(
                settings.bootstrapServers(), settings.consumerOverrides(), binding.groupId(), settings.instanceId()));
        // a context of its own per trigger: getOrCreateContext() would stick every window opened from one thread
        // to one event loop
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        DeliveryWindow window = new DeliveryWindow(context, delivery, binding, System::nanoTime);
        KafkaTriggerCursor cursor =
                new KafkaTriggerCursor(consumer, window, compiler, binding, backlogs.open(binding.id()));
        cursor.start();
        return cursor;
    }

    @Override
    public Future<Integer> redrive(TriggerBinding binding) {
        return redrives.start(binding);
    }
}
