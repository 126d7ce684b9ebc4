package org.ifl.benchmarks.worker;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.inferenceworker.DynamicBatcher;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.ImageLoader;
import org.ifl.inferenceworker.QueryImage;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Query;

/**
 * The {@link BenchmarkQueries} as the worker hands them to the backend, for the bare loop: images decoded, the
 * answer budget set, grouped into batches as the worker's batcher groups them; and the warm-up's sample of them.
 */
final class GenerationBatches {

    private GenerationBatches() {
    }

    /** What makes requests share a backend call in the worker (one model here): the arm and the steering language. */
    record BatchKey(Arm arm, String steerTo) {
        static BatchKey of(Arm arm, String expectedLanguage) {
            return new BatchKey(arm, arm == Arm.IMAGE_REMEDY ? expectedLanguage : null);
        }
    }

    /** The queries as the worker hands them to the backend: images decoded, the answer budget set. */
    static List<GenerationRequest> requests(List<Query> queries, ImageLoader images) {
        List<GenerationRequest> requests = new ArrayList<>(queries.size());
        for (Query q : queries) {
            Arm arm = q.getCondition().getArm();
            QueryImage image = null;
            if (arm != Arm.TEXT) {
                ByteBuffer inline = q.getImageBytes().duplicate();
                byte[] bytes = new byte[inline.remaining()];
                inline.get(bytes);
                try {
                    image = images.load(bytes, null, null);
                } catch (ImageLoader.UnreadableImageException e) {
                    throw new IllegalStateException("the benchmark's own image of " + q.getQueryId()
                            + " is unreadable: " + e.getMessage(), e);
                }
            }
            requests.add(new GenerationRequest(q.getQueryId(), arm, q.getPrompt(), q.getDescription(), image,
                    q.getCondition().getExpectedLanguage(), q.getMaxNewTokens()));
        }
        return requests;
    }

    /** Batches of compatible requests, at most {@code maxBatch} each, in the order the worker's batcher forms them. */
    static List<DynamicBatcher.Batch<BatchKey, GenerationRequest>> batches(List<GenerationRequest> requests,
            int maxBatch) {
        DynamicBatcher<BatchKey, GenerationRequest> batcher = new DynamicBatcher<>(maxBatch, Long.MAX_VALUE);
        for (GenerationRequest r : requests) {
            batcher.add(BatchKey.of(r.arm(), r.expectedLanguage()), r, 0);
        }
        return batcher.takeAll();
    }

    /**
     * A full batch of each arm, in their order in {@code queries}: enough to warm the JIT, DJL and the Kafka
     * clients. On the remedy arm one query per language is enough to compute and cache each language's steering
     * vector.
     */
    static List<Query> warmUpSample(List<Query> queries, int maxBatch) {
        Map<BatchKey, Integer> taken = new HashMap<>();
        List<Query> sample = new ArrayList<>();
        for (Query q : queries) {
            BatchKey key = BatchKey.of(q.getCondition().getArm(), q.getCondition().getExpectedLanguage());
            int most = key.steerTo() == null ? maxBatch : 1;
            if (taken.merge(key, 1, Integer::sum) <= most) {
                sample.add(q);
            }
        }
        return sample;
    }
}
