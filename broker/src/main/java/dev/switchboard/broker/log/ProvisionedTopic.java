package dev.switchboard.broker.log;

import java.util.List;

/**
 * What {@link TopicProvisioner} found or did for one topic: created it, found it as asked, found it with other
 * settings than asked and left it so, or (for a topic it must not create) did not find it.
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
     * The topic existed with other settings than asked for (fewer partitions, another replication factor or
     * retention) and was left as it is: growing a topic moves keys to other partitions and shortening a retention
     * deletes events, which only an operator may decide.
     *
     * @param differences one sentence per setting, e.g. {@code "retention.ms is 604800000, not -1 as asked"}
     */
    record Differing(String name, int partitions, List<String> differences) implements ProvisionedTopic {
        public Differing {
            differences = List.copyOf(differences);
        }
    }

    /** A topic Switchboard must not create (an external topic) does not exist. */
    record Missing(String name) implements ProvisionedTopic {
        @Override
        public int partitions() {
            return 0;
        }
    }
}
