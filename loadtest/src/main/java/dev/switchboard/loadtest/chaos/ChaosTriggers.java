package dev.switchboard.loadtest.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The chaos soak's triggers over {@code types} event types {@code chaos.e0..}: trigger {@code i} takes, by {@code
 * i mod 10}, one of five filter dialects (Knative attribute filter, {@code exact}, {@code prefix}, {@code any} of
 * two types, {@code cesql}), so each event matches about two to three triggers; every 5th is ordered, every 7th
 * rate-limited (well above its share of the load), every 3rd has a dead-letter sink; a fifth deliver to the flaky
 * subscriber, a fifth to the one that has outages, the rest to the prompt one. Churn triggers ({@code churn-k})
 * match every 4th type through an exact filter and deliver to the prompt subscriber.
 */
public final class ChaosTriggers {
    private final int types;
    private final List<ChaosTrigger> base;

    public ChaosTriggers(int count, int types) {
        if (count < 10 || types < 10) {
            throw new IllegalArgumentException("at least 10 triggers and 10 types: " + count + ", " + types);
        }
        this.types = types;
        this.base = IntStream.range(0, count).mapToObj(this::trigger).toList();
    }

    /** The event types, in the order events cycle over them. */
    public List<String> eventTypes() {
        return IntStream.range(0, types).mapToObj(ChaosTriggers::type).toList();
    }

    static String type(int index) {
        return "chaos.e" + index;
    }

    public List<ChaosTrigger> base() {
        return base;
    }

    /** Churn trigger {@code k}: added mid-run, maybe removed later. */
    public ChaosTrigger churn(int k) {
        String type = type((4 * k) % types);
        return new ChaosTrigger(
                "churn-" + k,
                type::equals,
                "  filters:\n    - exact: {type: " + type + "}\n",
                ChaosTrigger.Subscriber.PROMPT,
                false,
                0,
                false,
                3);
    }

    private ChaosTrigger trigger(int i) {
        String one = type(i % types);
        String other = type((i * 7 + 3) % types);
        ChaosTrigger.Subscriber subscriber =
                switch (i % 5) {
                    case 1 -> ChaosTrigger.Subscriber.FLAKY;
                    case 3 -> ChaosTrigger.Subscriber.OUTAGE;
                    default -> ChaosTrigger.Subscriber.PROMPT;
                };
        boolean ordered = i % 5 == 4;
        int rateLimit = i % 7 == 6 ? 200 : 0;
        boolean sink = i % 3 == 0;
        int retries = subscriber == ChaosTrigger.Subscriber.PROMPT ? 8 : 2;
        String name = "t" + i;
        return switch (i % 10) {
            case 0, 5 ->
                new ChaosTrigger(
                        name,
                        one::equals,
                        "  filter: {attributes: {type: " + one + "}}\n",
                        subscriber,
                        ordered,
                        rateLimit,
                        sink,
                        retries);
            case 1, 6 ->
                new ChaosTrigger(
                        name,
                        one::equals,
                        "  filters:\n    - exact: {type: " + one + "}\n",
                        subscriber,
                        ordered,
                        rateLimit,
                        sink,
                        retries);
            case 2 -> {
                String prefix = one + "1";
                yield new ChaosTrigger(
                        name,
                        type -> type.startsWith(prefix),
                        "  filters:\n    - prefix: {type: " + prefix + "}\n",
                        subscriber,
                        ordered,
                        rateLimit,
                        sink,
                        retries);
            }
            case 3, 7 ->
                new ChaosTrigger(
                        name,
                        type -> type.equals(one) || type.equals(other),
                        "  filters:\n    - any: [{exact: {type: " + one + "}}, {exact: {type: " + other + "}}]\n",
                        subscriber,
                        ordered,
                        rateLimit,
                        sink,
                        retries);
            default ->
                new ChaosTrigger(
                        name,
                        type -> type.equals(one),
                        "  filters:\n    - cesql: \"type = '" + one + "'\"\n",
                        subscriber,
                        ordered,
                        rateLimit,
                        sink,
                        retries);
        };
    }

    /** Writes {@code triggers} into {@code folder/triggers.yaml} in one atomic move (the broker is implicit). */
    public static void write(
            Path folder,
            List<ChaosTrigger> triggers,
            Function<ChaosTrigger.Subscriber, String> subscriberBase,
            String sinkBase)
            throws IOException {
        Files.createDirectories(folder);
        StringBuilder yaml = new StringBuilder();
        for (ChaosTrigger trigger : triggers) {
            yaml.append(trigger.yaml(subscriberBase.apply(trigger.subscriber()), sinkBase));
        }
        Path temp = folder.resolve(".triggers.yaml.tmp");
        Files.writeString(temp, yaml.toString(), StandardCharsets.UTF_8);
        Files.move(temp, folder.resolve("triggers.yaml"), StandardCopyOption.ATOMIC_MOVE);
    }
}
