package dev.switchboard.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.loadtest.load.EventShape;
import dev.switchboard.loadtest.load.Ledger;
import dev.switchboard.loadtest.measure.ReceiptBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which trigger each event matches, and where the receiver must see it, for K matches per event. */
class TriggerLayoutTest {
    private static final ReceiptBook.Counting KEYS = ReceiptBook.Counting.BY_ROUTE_AND_ID;

    @Test
    void eachEventTypeIsMatchedByExactlyKTriggers() {
        TriggerLayout layout = new TriggerLayout(20, 2, Set.of());

        List<TriggerFiles.TriggerSpec> triggers = layout.triggers("http://live", "http://dead");

        assertThat(layout.eventTypes()).hasSize(10).startsWith("loadtest.t0", "loadtest.t1");
        Map<String, Long> triggersPerType =
                triggers.stream().collect(Collectors.groupingBy(TriggerFiles.TriggerSpec::type, Collectors.counting()));
        assertThat(triggersPerType).hasSize(10).allSatisfy((type, count) -> assertThat(count)
                .isEqualTo(2));
        assertThat(triggersPerType.keySet()).containsExactlyInAnyOrderElementsOf(layout.eventTypes());
        assertThat(triggers.get(5)).isEqualTo(new TriggerFiles.TriggerSpec("t5", "loadtest.t2", "http://live/t5"));
    }

    @Test
    void expectsEveryEventOnceOnEachLiveTriggerItMatches() {
        TriggerLayout layout = new TriggerLayout(6, 2, Set.of(3));
        EventShape shape = new EventShape("run", layout.eventTypes(), 0, 16);
        Ledger ledger = new Ledger();
        for (int n = 0; n < 4; n++) {
            ledger.record(shape.event(n, 0, shape.payload()));
        }

        assertThat(layout.triggers("http://live", "http://dead").get(3).subscriberUri())
                .isEqualTo("http://dead/t3");
        assertThat(layout.expectedDeliveries(ledger))
                .containsExactlyInAnyOrder(
                        KEYS.key("/t0", "run-0"),
                        KEYS.key("/t1", "run-0"),
                        KEYS.key("/t2", "run-1"), // t3, its twin, is down
                        KEYS.key("/t4", "run-2"),
                        KEYS.key("/t5", "run-2"),
                        KEYS.key("/t0", "run-3"),
                        KEYS.key("/t1", "run-3"));
    }

    @Test
    void oneMatchPerEventKeepsTheOneTypePerTriggerLayout() {
        assertThat(TriggerLayout.oneEach(3).triggers("http://live", "http://dead"))
                .extracting(TriggerFiles.TriggerSpec::type)
                .containsExactly("loadtest.t0", "loadtest.t1", "loadtest.t2");
    }

    @Test
    void refusesACountThatIsNotAMultipleOfTheMatches() {
        assertThatThrownBy(() -> new TriggerLayout(10, 3, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple");
        assertThatThrownBy(() -> new TriggerLayout(4, 1, Set.of(4))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAThousandTriggersAndExpectsTenDeliveriesForEachOfThirtyThousandEvents(@TempDir Path folder)
            throws Exception {
        TriggerLayout layout = new TriggerLayout(1_000, 10, Set.of());
        EventShape shape = new EventShape("run", layout.eventTypes(), 0, 16);
        Ledger ledger = new Ledger();
        for (int n = 0; n < 30_000; n++) {
            ledger.record(shape.event(n, 0, shape.payload()));
        }

        Path yaml = TriggerFiles.write(folder, layout.triggers("http://live", "http://dead"))
                .resolve("triggers.yaml");

        assertThat(Files.readAllLines(yaml)).filteredOn("---"::equals).hasSize(1_000);
        assertThat(layout.eventTypes()).hasSize(100);
        assertThat(layout.expectedDeliveries(ledger))
                .hasSize(300_000)
                .contains(KEYS.key("/t999", shape.id(99)), KEYS.key("/t990", shape.id(29_999)));
    }
}
