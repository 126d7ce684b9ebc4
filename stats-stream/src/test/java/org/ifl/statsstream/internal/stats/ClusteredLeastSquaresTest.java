package org.ifl.statsstream.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The linear probability model with item-clustered errors: worked by hand on an intercept-only model, and against
 * statsmodels on a committed data set ({@code src/test/resources/effects/}: {@code reference.py} wrote
 * {@code answers.csv} and {@code expected.csv} with Debian's python3-statsmodels 0.13.5).
 */
class ClusteredLeastSquaresTest {
    private static final List<String> TERMS = List.of("const", "image", "attribute", "image:attribute");

    @Test
    void anInterceptOnlyModelWorkedByHand() {
        // y = 1, 0 | 1, 1 | 0, 0 in items a, b, c: mean 0.5; residual sums per item 0, +1, -1; meat 2; (X'X)^-1 =
        // 1/6; c = 3/2 * 5/5 = 1.5; variance 1.5 * 2 / 36 = 1/12; se = sqrt(1/12) = 0.28867513459481287
        double[][] x = {{1}, {1}, {1}, {1}, {1}, {1}};
        double[] y = {1, 0, 1, 1, 0, 0};
        ClusteredLeastSquares.Fit fit = ClusteredLeastSquares.fit(List.of("const"), x, y,
                List.of("a", "a", "b", "b", "c", "c"));
        assertEquals(0.5, fit.coefficients()[0], 1e-15);
        assertEquals(Math.sqrt(1.0 / 12), fit.standardErrors()[0], 1e-15);
        assertEquals(3, fit.clusters());
        Interval i = fit.interval("const");
        assertEquals(0.5 - Interval.Z_95 * Math.sqrt(1.0 / 12), i.low(), 1e-15);
        assertEquals(ClusteredLeastSquares.METHOD, i.method());
    }

    @Test
    void equalsStatsmodelsOlsWithClusterRobustErrors() throws IOException {
        List<String[]> answers = csv("effects/answers.csv");
        double[][] x = new double[answers.size()][];
        double[] y = new double[answers.size()];
        List<String> items = new ArrayList<>();
        for (int r = 0; r < answers.size(); r++) {
            String[] row = answers.get(r);
            double image = Double.parseDouble(row[2]);
            double attribute = Double.parseDouble(row[3]);
            x[r] = new double[] {1, image, attribute, image * attribute};
            y[r] = Double.parseDouble(row[1]);
            items.add(row[0]);
        }
        ClusteredLeastSquares.Fit fit = ClusteredLeastSquares.fit(TERMS, x, y, items);
        List<String[]> expected = csv("effects/expected.csv");
        assertEquals(TERMS.size(), expected.size());
        for (int j = 0; j < TERMS.size(); j++) {
            assertEquals(TERMS.get(j), expected.get(j)[0]);
            assertEquals(Double.parseDouble(expected.get(j)[1]), fit.coefficients()[j], 1e-9, TERMS.get(j));
            assertEquals(Double.parseDouble(expected.get(j)[2]), fit.standardErrors()[j], 1e-9, TERMS.get(j));
        }
        assertEquals(160, fit.n());
        assertEquals(40, fit.clusters());
    }

    @Test
    void aDesignThatCannotTellTermsApartIsRefusedByName() {
        double[][] x = {{1, 0, 0}, {1, 1, 1}, {1, 0, 0}, {1, 1, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusteredLeastSquares.fit(
                List.of("const", "image", "attribute"), x, new double[] {1, 0, 1, 1}, List.of("a", "a", "b", "b")));
        assertTrue(e.getMessage().contains("'attribute' is a combination of the others"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusteredLeastSquares.fit(List.of("const"),
                new double[][] {{1}, {1}}, new double[] {1, 0}, List.of("a", "a")), "one cluster");
    }

    /** The rows of a small committed CSV without quoting, the header left out. */
    private static List<String[]> csv(String resource) throws IOException {
        try (InputStream in = ClusteredLeastSquaresTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is on the test class path");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
        }
    }
}
