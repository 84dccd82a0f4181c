package dev.switchboard.broker.dispatch;

import dev.switchboard.broker.delivery.DeliveryTarget;
import dev.switchboard.triggers.model.FilterSpec;
import dev.switchboard.triggers.model.ResourceId;
import dev.switchboard.triggers.model.Trigger;
import dev.switchboard.triggers.model.TriggerOptions;
import java.util.Objects;

/**
 * One Ready trigger as the dispatcher runs it: the trigger, its consumer group, and everything its deliveries
 * need. Two bindings are equal when nothing about the trigger's dispatch changed, which is how a reload tells
 * unchanged triggers from changed ones (docs/architecture.md principle 7).
 *
 * @param trigger the trigger as loaded (its {@code metadata.generation} grows when it changes)
 * @param groupId its consumer group, {@code switchboard.{namespace}.{broker}.{trigger}}
 * @param target where and how its events are delivered
 */
public record TriggerBinding(Trigger trigger, String groupId, DeliveryTarget target) {

    public TriggerBinding {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(target, "target");
    }

    public ResourceId id() {
        return trigger.id();
    }

    /** The broker topic the trigger's cursor reads. */
    public String topic() {
        return target.brokerTopic();
    }

    public TriggerOptions options() {
        return target.options();
    }

    public FilterSpec filter() {
        return trigger.spec().filter();
    }

    /** Whether the change from {@code previous} needs a new cursor (another log or group) or can be applied live. */
    boolean movesCursor(TriggerBinding previous) {
        return !groupId.equals(previous.groupId) || !topic().equals(previous.topic());
    }
}
