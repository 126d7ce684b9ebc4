package org.ifl.producers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.schemas.avro.DatasetEntity;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.ReferenceEntity;
import org.ifl.schemas.topic.RecordKey;

/**
 * Publishes a suite for one evaluation: each item's image checked, the item fanned out into its paired
 * queries, each query sent keyed by its pair key. Items whose image does not decode are skipped with the
 * reason; the rest goes on. An explanation suite's entities (every item's reference entities, their surface
 * forms merged across languages) go to eval.entities once, after its queries: the vocabulary EF1's precision is
 * measured against.
 */
public final class SuitePublisher {
    private final RecordSender<Query> sender;
    private final RecordSender<DatasetEntity> entities;
    private final ImageChecker images;
    private final Clock clock;

    /**
     * @param entities where an explanation suite's entity vocabulary goes (eval.entities); null when the
     *                 caller publishes no explanation suites
     */
    public SuitePublisher(RecordSender<Query> sender, RecordSender<DatasetEntity> entities, ImageChecker images,
            Clock clock) {
        this.sender = sender;
        this.entities = entities;
        this.images = images;
        this.clock = clock;
    }

    /** What a publish did. */
    public record Report(String dataset, int published, List<Skipped> skipped, long queries, long remoteImages,
            long inlineImages, double seconds, RecordSender.Delivery delivery, RecordSender.Delivery vocabulary) {

        public boolean complete() {
            return delivery.complete() && (vocabulary == null || vocabulary.complete());
        }

        /** The summary printed at the end: counts, then every skipped item with its reason. */
        public String describe() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%s: %,d items read, %,d skipped, %,d published as %,d queries in"
                    + " %.1f s (%,.0f queries/s)%n", dataset, published + skipped.size(), skipped.size(), published, queries, seconds,
                    seconds > 0 ? queries / seconds : 0));
            s.append("  ").append(delivery).append(System.lineSeparator());
            if (vocabulary != null) {
                s.append("  entity vocabulary: ").append(vocabulary).append(System.lineSeparator());
            }
            if (remoteImages > 0) {
                s.append(String.format(Locale.ROOT, "  %,d queries refer to remote images, published unchecked"
                        + " (nothing is downloaded)%n", remoteImages));
            }
            if (inlineImages > 0) {
                s.append(String.format(Locale.ROOT, "  %,d queries carry their image inline%n", inlineImages));
            }
            skipped.forEach(k -> s.append("  skipped ").append(k).append(System.lineSeparator()));
            return s.toString();
        }
    }

    public Report publish(String dataset, SuiteContents contents, EvaluationTarget target, Progress progress) {
        List<Skipped> skipped = new ArrayList<>(contents.skipped());
        int published = 0;
        long queries = 0;
        long remote = 0;
        long inline = 0;
        Instant now = clock.instant();
        EntityVocabulary vocabulary = new EntityVocabulary();
        for (SuiteItem item : contents.items()) {
            CheckedImage image = null;
            if (!item.textOnly()) {
                ImageChecker.Result result = images.check(item.image());
                if (result instanceof ImageChecker.Unusable unusable) {
                    skipped.add(new Skipped(item.itemId(), item.language(), item.origin(), unusable.reason()));
                    progress.advance(1);
                    continue;
                }
                image = ((ImageChecker.Usable) result).image();
            }
            for (Query query : FanOut.queries(item, target, image, now)) {
                sender.send(RecordKey.pair(query.getPair()), query, null);
                queries++;
                if (query.getImage() != null && !image.checked()) {
                    remote++;
                }
                if (query.getImageBytes() != null) {
                    inline++;
                }
            }
            if (item.explanation() != null) {
                vocabulary.add(item.explanation().references().getEntities());
                vocabulary.add(item.explanation().englishReferences().getEntities());
            }
            published++;
            progress.advance(1);
        }
        RecordSender.Delivery delivery = sender.flush();
        RecordSender.Delivery vocabularyDelivery = null;
        if (!vocabulary.isEmpty()) {
            if (entities == null) {
                throw new IllegalStateException(dataset + " is an explanation suite, but this publisher has no sender"
                        + " for its entity vocabulary");
            }
            for (ReferenceEntity entity : vocabulary.entities()) {
                entities.send(RecordKey.of(dataset, entity.getEntityId()), new DatasetEntity(dataset, entity, now),
                        null);
            }
            vocabularyDelivery = entities.flush();
        }
        progress.finish();
        return new Report(dataset, published, skipped, queries, remote, inline, progress.seconds(), delivery,
                vocabularyDelivery);
    }
}
