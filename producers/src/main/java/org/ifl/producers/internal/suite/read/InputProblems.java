package org.ifl.producers.internal.suite.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ifl.platform.json.JsonProblem;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Languages;

/**
 * The problems found while reading input (a suite, a replay file), gathered so that a reader reports them all
 * at once rather than stopping at the first. Past {@link #LIMIT} they are counted, not listed: a file that is
 * wrong everywhere is usually wrong in one way, and fifty examples show which.
 *
 * <p>A reader that stops reading once the list is {@link #full} makes its collector with
 * {@link #stoppingAtLimit}, so that the exception says it stopped rather than counting what was not listed.
 */
public final class InputProblems {
    public static final int LIMIT = 50;

    private final List<InputProblem> listed = new ArrayList<>();
    private final Path stoppedFile;
    private int unlisted;

    /** A collector for readers that read to the end whatever they find. */
    public InputProblems() {
        this(null);
    }

    private InputProblems(Path stoppedFile) {
        this.stoppedFile = stoppedFile;
    }

    /**
     * A collector for a reader of {@code file} that stops reading once the list is {@link #full}: its exception
     * then ends with a problem on the file saying that reading stopped there.
     */
    public static InputProblems stoppingAtLimit(Path file) {
        return new InputProblems(file);
    }

    public void add(InputProblem problem) {
        if (listed.size() < LIMIT) {
            listed.add(problem);
        } else {
            unlisted++;
        }
    }

    /** A problem of a JSON input: readers pass {@code problems::add} to {@link org.ifl.platform.json.JsonInput}. */
    public void add(JsonProblem problem) {
        add(new InputProblem(problem.file(), problem.line(), problem.field(), problem.message()));
    }

    public void addAll(InputException e) {
        e.problems().forEach(this::add);
    }

    /** {@link Languages#require}, with the problem recorded rather than thrown: the code, or null. */
    public String language(String written, Origin origin, String field) {
        try {
            return Languages.require(written, origin, field);
        } catch (InputException e) {
            addAll(e);
            return null;
        }
    }

    /** {@link #language(String, Origin, String)} for a language written at {@code where} in a JSON input. */
    public String language(String written, LocatedNode where) {
        return language(written, Origin.of(where), where.field());
    }

    /** How many problems were found, listed or not. */
    public int count() {
        return listed.size() + unlisted;
    }

    public boolean isEmpty() {
        return listed.isEmpty();
    }

    /** True once {@link #LIMIT} problems are listed: a reader may stop reading then. */
    public boolean full() {
        return listed.size() >= LIMIT;
    }

    /** @throws InputException naming every problem found so far, when there is one */
    public void throwIfAny() {
        if (!listed.isEmpty()) {
            throw exception();
        }
    }

    /** The exception naming every problem found so far; there must be one. */
    public InputException exception() {
        List<InputProblem> all = new ArrayList<>(listed);
        if (stoppedFile != null && full()) {
            all.add(InputProblem.ofFile(stoppedFile, "stopped after " + LIMIT + " problems; fix these and read again"));
        } else if (unlisted > 0) {
            all.add(InputProblem.ofFile(listed.get(LIMIT - 1).file(), unlisted + " more problems not listed"));
        }
        return new InputException(all);
    }
}
