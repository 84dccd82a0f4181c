package dev.switchboard.broker.log;

/**
 * What {@link TopicProvisioner} found or did for one topic: created it, found it as asked, or
 * found it with fewer partitions than asked and left it so.
 */
public sealed interface ProvisionedTopic {
    /** The topic name. */
    String name();

    /** The partition count the topic has now. */
    int partitions();

    /** The topic did not exist and was created as specified. */
    record Created(String name, int partitions) implements ProvisionedTopic {}

    /** The topic existed with at least the partitions asked for; nothing was changed. */
    record Existing(String name, int partitions) implements ProvisionedTopic {}

    /**
     * The topic existed with fewer partitions than asked for and was left as it is: growing a topic
     * moves keys to other partitions, which only an operator may decide.
     */
    record Undersized(String name, int partitions, int requestedPartitions) implements ProvisionedTopic {}
}
