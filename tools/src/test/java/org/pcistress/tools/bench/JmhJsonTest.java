package org.pcistress.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

    @Test
    void aGroupYieldsTheAggregateAndOneResultPerMember() {
        String json = """
                [{"benchmark": "p.AerBench_02_WalkUnderChurn.churn", "mode": "sample", "threads": 2, "forks": 1,
                  "params": {"strategy": "list-snapshot"},
                  "primaryMetric": {"score": 10, "scoreError": 1, "scoreConfidence": [9, 11], "scoreUnit": "us/op"},
                  "secondaryMetrics": {
                    "walker": {"score": 15, "scoreError": 2, "scoreConfidence": [13, 17], "scoreUnit": "us/op",
                               "scorePercentiles": {"50.0": 14, "99.0": 30},
                               "rawDataHistogram": [[[[10, 1], [20, 1]]]]},
                    "writer": {"score": 5, "scoreError": 1, "scoreConfidence": [4, 6], "scoreUnit": "us/op"},
                    "gc.alloc.rate.norm": {"score": 96, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                                           "scoreUnit": "B/op"},
                    "p0.99": {"score": 30, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"], "scoreUnit": "us/op"}
                  }}]""";
        List<JmhResult> rs = JmhJson.parse("group.json", json);
        assertEquals(List.of("churn", "churn:walker", "churn:writer"), rs.stream().map(JmhResult::method).toList());
        JmhResult walker = rs.get(1);
        assertEquals(15, walker.primary().score());
        assertEquals(Map.of("50.0", 14.0, "99.0", 30.0), walker.percentiles());
        assertEquals(2, walker.samples());
        assertEquals(5.0, walker.stdErr(), 1e-9); // sd of {10, 20} = 7.07, over sqrt(2)
        assertNotNull(rs.get(0).allocationPerOp());
        assertNull(walker.allocationPerOp());
        assertTrue(rs.get(0).secondary().containsKey("p0.99"));
    }

    @Test
    void withoutRawDataSigmaComesFromJmhsError() {
        String json = """
                [{"benchmark": "p.C.m", "mode": "avgt", "primaryMetric":
                  {"score": 10, "scoreError": 3.2905, "scoreConfidence": [6.7095, 13.2905], "scoreUnit": "ns/op"}}]""";
        JmhResult r = JmhJson.parse("x", json).get(0);
        assertEquals(1.0, r.stdErr(), 1e-9);
        assertEquals("C", r.className());
        assertEquals(Map.of(), r.params());
    }
}
