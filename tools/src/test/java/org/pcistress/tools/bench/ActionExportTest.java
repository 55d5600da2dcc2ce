package org.pcistress.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The github-action-benchmark export: unique names with the mode, throughput inverted, p50/p99 for sample mode. */
class ActionExportTest {

    @Test
    void everyNameIsUniqueAndCarriesItsMode() throws IOException, URISyntaxException {
        List<JmhResult> rs = ReportRenderTest.capture("aer-01-02-quick.json");
        List<Map<String, Object>> smaller = ActionExport.smaller(rs, RunInfo.unknown(null));
        Set<String> names = new HashSet<>();
        for (Map<String, Object> e : smaller) {
            assertTrue(names.add((String) e.get("name")), "duplicate " + e.get("name"));
            assertTrue(e.get("value") instanceof Double && (Double) e.get("value") > 0, e.toString());
        }
        // a group's members are there, sample mode as p50 and p99
        assertTrue(names.contains("AerBench_02_WalkUnderChurn.churn:writer [strategy=v7.0] sample p50"), names.toString());
        assertTrue(names.contains("AerBench_02_WalkUnderChurn.churn:writer [strategy=v7.0] sample p99"), names.toString());
    }

    @Test
    void throughputIsTurnedIntoTimePerOperation() {
        List<JmhResult> rs = JmhJson.parse("t", new SyntheticJmh()
                .add("org.pcistress.bench.aer.AerBench_01_BusWalk.walk", "thrpt", "\"n\": \"256\"", 50, 0.5, 5, "ops/ms")
                .json());
        Map<String, Object> e = ActionExport.smaller(rs, null).get(0);
        assertEquals("AerBench_01_BusWalk.walk [n=256] thrpt as time/op", e.get("name"));
        assertEquals("us/op", e.get("unit"));
        assertEquals(20.0, (Double) e.get("value"), 1e-9); // 1 / (50 ops/ms) = 20 us
        Map<String, Object> big = ActionExport.bigger(rs, null).get(0);
        assertEquals("ops/ms", big.get("unit"));
        assertEquals(50.0, (Double) big.get("value"), 1e-9);
    }
}
