package org.ifl.producers;

import java.util.List;
import org.ifl.producers.internal.suite.Skipped;

/** What an adapter read from a suite: the items, and the items it had to leave out, with reasons. */
public record SuiteContents(List<SuiteItem> items, List<Skipped> skipped) {

    public SuiteContents {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }
}
