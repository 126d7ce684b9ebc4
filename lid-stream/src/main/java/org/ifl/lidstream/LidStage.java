package org.ifl.lidstream;

import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.ifl.lidstream.internal.label.LanguageNormaliser;
import org.ifl.lidstream.internal.score.EntityVocabulary;
import org.ifl.lidstream.internal.score.ExplanationScorer;
import org.ifl.lidstream.internal.validate.CompletionValidator;
import org.ifl.lidstream.topology.LidTopology;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.EntityScores;
import org.ifl.schemas.topic.Topics;

/** The lid-stream stage as other modules build it: its topology and the scorer that topology runs. */
public final class LidStage {
    /** The stage's name in dead letters, metrics and the Streams application id. */
    public static final String STAGE = LidTopology.STAGE;

    private LidStage() {
    }

    /**
     * {@code eval.completions -> eval.labeled}: each completion labeled and scored by {@code scorer}; unreadable
     * records, tombstones and completions lid-stream cannot score (expected in a language {@code scorer} does not
     * label, a blank id, a text over {@code maxTextBytes} in UTF-8, ...: {@link CompletionValidator}) go to the
     * dead-letter topic with the reason.
     */
    public static Topology topology(Topics topics, CompletionScorer scorer, int maxTextBytes, LidMetrics metrics) {
        return LidTopology.build(topics, scorer,
                new CompletionValidator(scorer.languages(), maxTextBytes, Clock.systemUTC()), metrics);
    }

    /** The scorer the service runs: {@code detector}'s verdicts normalised as lid-stream does, on the UTC clock. */
    public static CompletionScorer scorer(LanguageDetector detector) {
        return new CompletionScorer(detector, LanguageNormaliser.withDefaultLatinLanguages(), Clock.systemUTC());
    }

    /** An explanation's entity scores alone (no language identification), without a dataset vocabulary. */
    public static EntityScores entityScores(Completion explanation) {
        return ExplanationScorer.score(explanation, EntityVocabulary.NONE);
    }
}
