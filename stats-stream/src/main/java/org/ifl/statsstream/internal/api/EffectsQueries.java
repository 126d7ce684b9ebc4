package org.ifl.statsstream.internal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.statsstream.EffectsView;
import org.ifl.statsstream.EffectsView.LanguageFit;
import org.ifl.statsstream.EffectsView.TermEstimate;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.internal.stats.ClusteredLeastSquares;
import org.ifl.statsstream.internal.stats.DesignFactorModel;
import org.ifl.statsstream.topology.CheckpointProcessor;
import org.ifl.statsstream.topology.ItemOutcome;
import org.ifl.statsstream.topology.StatsTopology;

/**
 * Design-factor effects of checkpoints of a model, from one instance's item outcomes (those of the models it hosts)
 * and the registrations' attributes (a global store): {@link DesignFactorModel} fitted per language to every answer
 * the checkpoints gave in the TEXT and IMAGE arms of items with both, as the store holds them now.
 */
public final class EffectsQueries {
    private final ReadOnlyKeyValueStore<String, ItemOutcome> outcomes;
    private final ReadOnlyKeyValueStore<String, Checkpoint> registrations;

    public EffectsQueries(ReadOnlyKeyValueStore<String, ItemOutcome> outcomes,
            ReadOnlyKeyValueStore<String, Checkpoint> registrations) {
        this.outcomes = outcomes;
        this.registrations = registrations;
    }

    /** The queries of the stores {@code streams} hosts. */
    public static EffectsQueries local(KafkaStreams streams) {
        return new EffectsQueries(CellQueries.localStore(streams, StatsTopology.ITEM_OUTCOMES_STORE),
                CellQueries.localStore(streams, StatsTopology.REGISTERED_CHECKPOINTS_STORE));
    }

    /**
     * The model of {@code checkpoints} of {@code model} on {@code attributes} (every attribute that differs among
     * them, when empty), from the registrations alone: every instance can check a request with it.
     *
     * @throws IllegalArgumentException naming what is wrong: an unregistered checkpoint, or what
     *     {@link DesignFactorModel#of} refuses
     */
    public DesignFactorModel design(String model, List<String> checkpoints, List<String> attributes) {
        Map<String, Map<String, String>> attributesOf = new TreeMap<>();
        for (String c : checkpoints) {
            Checkpoint registration = registrations.get(RecordKey.checkpoint(model, c));
            if (registration == null) {
                throw new IllegalArgumentException("checkpoint '" + c + "' of model '" + model + "' is not registered"
                        + " on eval.checkpoints; its attributes come from its registration");
            }
            attributesOf.put(c, registration.getAttributes());
        }
        return DesignFactorModel.of(checkpoints, attributesOf, attributes);
    }

    /**
     * The effects of {@code checkpoints} in {@code language} (every language they answered, if null), of
     * {@code dataset} (every dataset pooled, items clustered as dataset|item, if null).
     *
     * @throws IllegalArgumentException as {@link #design}
     */
    public EffectsView effects(String model, List<String> checkpoints, List<String> attributes, String language,
            String dataset) {
        DesignFactorModel design = design(model, checkpoints, attributes);
        Map<String, List<DesignFactorModel.Answer>> byLanguage = new TreeMap<>();
        if (language != null) {
            byLanguage.put(language, new ArrayList<>());
        }
        for (String checkpoint : checkpoints) {
            for (ItemOutcome o : CheckpointProcessor.outcomesOf(outcomes, model, checkpoint)) {
                if ((language != null && !language.equals(o.cell().language()))
                        || (dataset != null && !dataset.equals(o.cell().dataset()))) {
                    continue;
                }
                String cluster = RecordKey.of(o.cell().dataset(), o.item());
                List<DesignFactorModel.Answer> answers = byLanguage.computeIfAbsent(o.cell().language(),
                        l -> new ArrayList<>());
                answers.add(new DesignFactorModel.Answer(checkpoint, cluster, false, o.text()));
                answers.add(new DesignFactorModel.Answer(checkpoint, cluster, true, o.image()));
            }
        }
        List<LanguageFit> fits = new ArrayList<>();
        byLanguage.forEach((l, answers) -> fits.add(fit(design, l, answers)));
        return new EffectsView(model, design.checkpoints(), dataset, design.reference(), design.levels(),
                design.terms(), fits);
    }

    private static LanguageFit fit(DesignFactorModel design, String language, List<DesignFactorModel.Answer> answers) {
        long clusters = answers.stream().map(DesignFactorModel.Answer::cluster).distinct().count();
        if (answers.isEmpty()) {
            return new LanguageFit(language, 0, 0, ClusteredLeastSquares.METHOD, List.of(),
                    "no items answered in both the TEXT and IMAGE arms by these checkpoints in " + language);
        }
        ClusteredLeastSquares.Fit fit;
        try {
            fit = design.fit(answers);
        } catch (IllegalArgumentException e) {
            return new LanguageFit(language, answers.size(), (int) clusters, ClusteredLeastSquares.METHOD, List.of(),
                    e.getMessage());
        }
        List<TermEstimate> estimates = new ArrayList<>();
        for (String term : fit.terms()) {
            var i = fit.interval(term);
            double se = fit.standardErrors()[fit.terms().indexOf(term)];
            estimates.add(new TermEstimate(term, kind(term), FiguresView.rounded(i.value()), FiguresView.rounded(se),
                    FiguresView.rounded(i.low()), FiguresView.rounded(i.high())));
        }
        return new LanguageFit(language, fit.n(), fit.clusters(), ClusteredLeastSquares.METHOD, estimates, null);
    }

    private static String kind(String term) {
        if (term.equals(DesignFactorModel.INTERCEPT)) {
            return "intercept";
        }
        if (term.equals(DesignFactorModel.IMAGE)) {
            return "image";
        }
        return term.startsWith(DesignFactorModel.IMAGE + ":") ? "ifl" : "fidelity";
    }
}
