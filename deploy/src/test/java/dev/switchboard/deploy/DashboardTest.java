package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Grafana dashboard's structure (issue 16): one unit per panel, the trigger variable from a series that exists
 * for a trigger that never delivered anything, and a panel for each failure an operator must see. That every
 * metric it queries is exported is checked against a running Switchboard by {@code MetricsIT}.
 */
class DashboardTest {
    private static final JsonNode DASHBOARD =
            DeployFiles.yaml(DeployFiles.dir().resolve("monitoring/switchboard-dashboard.json"));

    private static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        DASHBOARD.get("panels").forEach(panels::add);
        return panels;
    }

    private static JsonNode variable(String name) {
        for (JsonNode variable : DASHBOARD.at("/templating/list")) {
            if (variable.get("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    @Test
    void everyPanelHasOneUnitAndNoOverrideChangesIt() {
        assertThat(panels())
                .filteredOn(panel -> !panel.get("type").asText().equals("row"))
                .allSatisfy(panel -> {
                    String title = panel.get("title").asText();
                    assertThat(panel.at("/fieldConfig/defaults/unit").asText())
                            .as(title)
                            .isNotBlank();
                    assertThat(panel.at("/fieldConfig/overrides").findValues("id"))
                            .as("%s: an override that sets a unit puts two units on one axis", title)
                            .noneMatch(id -> id.asText().equals("unit"));
                });
    }

    @Test
    void theTriggerVariableComesFromTheReadyGaugeWhichEveryLoadedTriggerHas() {
        assertThat(variable("trigger").at("/query/query").asText())
                .startsWith("label_values(switchboard_trigger_ready");
        assertThat(variable("namespace").at("/query/query").asText()).contains("switchboard_trigger_ready");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "egress refusals, switchboard_egress_refused_total",
        "CESQL filter errors, switchboard_filter_errors_total",
        "429s, code=\"429\"",
        "429s from subscribers, http_response_status_code=\"429\"",
        "expired events, switchboard_events_expired_total",
        "triggers not ready, switchboard_trigger_ready",
    })
    void aPanelShows(String what, String queried) {
        assertThat(panels()).as("a panel for %s", what).anySatisfy(panel -> assertThat(panel.findValues("expr"))
                .anySatisfy(expr -> assertThat(expr.asText()).contains(queried)));
    }
}
