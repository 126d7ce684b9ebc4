package org.ifl.statsstream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.statsstream.EffectsView;
import org.ifl.statsstream.EffectsView.TermEstimate;
import org.ifl.statsstream.internal.alert.AlertPolicy;
import org.ifl.statsstream.internal.api.EffectsQueries;
import org.ifl.statsstream.internal.cell.HoppingWindows;
import org.junit.jupiter.api.Test;

/** Design-factor effects fitted to the item outcomes store as the topology keeps it, attributes from registrations. */
class EffectsQueriesTest {
    private static final double EPS = 1e-6;
    private static final Instant T0 = Instant.parse("2026-11-23T10:05:00Z");
    private static final StatsTopology.Options OPTIONS = new StatsTopology.Options(
            new HoppingWindows(Duration.ofMinutes(20), Duration.ofMinutes(10), Duration.ofMinutes(30)),
            StatsDriver.EMIT, new AlertPolicy(0.1, Map.of()));

    private static EffectsQueries effects(StatsDriver d) {
        return new EffectsQueries(d.driver.getKeyValueStore(StatsTopology.ITEM_OUTCOMES_STORE),
                d.driver.getKeyValueStore(StatsTopology.REGISTERED_CHECKPOINTS_STORE));
    }

    private static TermEstimate term(EffectsView.LanguageFit fit, String name) {
        return fit.estimates().stream().filter(t -> t.term().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theInteractionOfTwoCheckpointsIsTheirPairedIflDifferenceWithItemClusteredErrors() {
        try (StatsDriver d = new StatsDriver("effects-two", OPTIONS)) {
            d.register("vlm", "c1", T0.minusSeconds(60), null, Map.of("llm", "vicuna", "step", "1"));
            d.register("vlm", "c2", T0, null, Map.of("llm", "yi", "step", "1"));
            // As PairedAlertTest: 30 items, image lost on items 0-14 by c1 and on 0-20 by c2; text always faithful.
            for (int i = 0; i < 30; i++) {
                PairedAlertTest.item(d, "c1", "i" + i, 1, i < 15 ? 0 : 1);
                PairedAlertTest.item(d, "c2", "i" + i, 1, i < 21 ? 0 : 1);
            }
            d.flush();
            EffectsView view = effects(d).effects("vlm", List.of("c1", "c2"), List.of(), null, null);
            assertEquals(List.of("intercept", "image", "llm=yi", "image:llm=yi"), view.terms());
            assertEquals(Map.of("llm", "vicuna"), view.reference());
            assertEquals(1, view.fits().size());
            EffectsView.LanguageFit de = view.fits().get(0);
            assertEquals("de", de.language());
            assertEquals(120, de.rows(), "30 items x 2 checkpoints x 2 arms");
            assertEquals(30, de.clusters());
            assertNull(de.refused());
            // Four terms for four checkpoint x arm means: intercept = c1's text fidelity 1, image = c1's IFL -0.5,
            // llm=yi = the text fidelity c2 adds, 0, image:llm=yi = IFL(c2) - IFL(c1) = -0.2, the paired difference.
            assertEquals(1, term(de, "intercept").estimate(), EPS);
            assertEquals(-0.5, term(de, "image").estimate(), EPS);
            assertEquals(0, term(de, "llm=yi").estimate(), EPS);
            TermEstimate ifl = term(de, "image:llm=yi");
            assertEquals("ifl", ifl.kind());
            assertEquals(-0.2, ifl.estimate(), EPS);
            // Each item moves the interaction by (d_i - mean d) / 30, so the clustered variance is
            // G/(G-1) (N-1)/(N-K) sum (d_i + 0.2)^2 / 30^2 = (30/29)(119/116)(6 x 0.64 + 24 x 0.04)/900: the paired
            // t interval's se 0.074278 (PairedAlertTest) times sqrt(119/116), 0.075232.
            assertEquals(0.074278 * Math.sqrt(119.0 / 116), ifl.se(), EPS);
            assertEquals(-0.2 + 1.959964 * ifl.se(), ifl.high(), EPS);
        }
    }

    @Test
    void aSetWhoseAttributesCannotBeToldApartIsRefusedByTermAndABadRequestNamesWhatIsWrong() {
        try (StatsDriver d = new StatsDriver("effects-refused", OPTIONS)) {
            d.register("vlm", "c1", T0.minusSeconds(60), null, Map.of("llm", "vicuna", "ve", "clip"));
            d.register("vlm", "c2", T0, null, Map.of("llm", "yi", "ve", "dinov2"));
            d.register("vlm", "c3", T0.plusSeconds(60), null, Map.of("llm", "yi"));
            for (int i = 0; i < 10; i++) {
                PairedAlertTest.item(d, "c1", "i" + i, 1, i % 2);
                PairedAlertTest.item(d, "c2", "i" + i, 1, i % 3 == 0 ? 1 : 0);
            }
            d.flush();
            EffectsView view = effects(d).effects("vlm", List.of("c1", "c2"), List.of(), "de", null);
            assertEquals(List.of(), view.fits().get(0).estimates());
            assertTrue(view.fits().get(0).refused().contains("'ve=dinov2' is a combination of the others"),
                    view.fits().get(0).refused());
            // one attribute at a time fits
            assertNull(effects(d).effects("vlm", List.of("c1", "c2"), List.of("llm"), "de", null).fits().get(0)
                    .refused());
            // a language without answers says so
            assertTrue(effects(d).effects("vlm", List.of("c1", "c2"), List.of("llm"), "ja", null).fits().get(0)
                    .refused().startsWith("no items"));

            EffectsQueries q = effects(d);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> q.design("vlm", List.of("c1", "c9"),
                    List.of())).getMessage().contains("'c9' of model 'vlm' is not registered"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> q.design("vlm", List.of("c1", "c3"),
                    List.of("ve"))).getMessage().contains("'c3' has no attribute 've'"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> q.design("vlm", List.of("c2", "c3"),
                    List.of("llm"))).getMessage().contains("at least 2 levels"));
        }
    }
}
