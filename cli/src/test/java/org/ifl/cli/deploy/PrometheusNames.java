package org.ifl.cli.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus metric names the ifl services serve and dashboards and alert rules may use (those agreed for issue
 * 16), and the metric names a PromQL query (or a Grafana {@code label_values(...)} variable query) reads.
 */
public final class PrometheusNames {
    /** Per cell (tags model, checkpoint, dataset, language; fidelity also arm), per checkpoint, per stage. */
    public static final Set<String> AGREED = Set.of(
            "ifl_cell_ifl", "ifl_cell_ifl_low", "ifl_cell_ifl_high", "ifl_cell_fidelity", "ifl_cell_remedy_difference",
            "ifl_cell_pairs",
            "ifl_checkpoint_answers_counted", "ifl_checkpoint_answers_expected", "ifl_checkpoint_ifl",
            "ifl_checkpoint_regression",
            "ifl_deadletters_total", "ifl_stage_records_total",
            "kafka_consumer_fetch_manager_records_lag_max", "ifl_stage_lag_records");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("label_values\\(\\s*([^,{)]*)(\\{[^}]*})?\\s*,[^)]*\\)");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

    private PrometheusNames() {
    }

    /** The metric names {@code query} reads: identifiers that are not functions, keywords, labels or durations. */
    public static Set<String> metricsOf(String query) {
        String rest = LABEL_VALUES.matcher(query).replaceAll(" $1 ");
        rest = STRING.matcher(rest).replaceAll(" ");
        rest = rest.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ").replaceAll("\\$\\w+", " ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = rest.replaceAll("\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?[smhdwy]?\\b", " ");
        Set<String> metrics = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String name = m.group();
            boolean function = rest.substring(m.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                metrics.add(name);
            }
        }
        return metrics;
    }
}
