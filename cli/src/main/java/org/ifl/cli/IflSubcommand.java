package org.ifl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ifl.platform.CauseChain;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code ifl} subcommand: runs it, and reports a {@link CommandFailure} as one line on
 * stderr ({@code ifl up: cannot start ...}) with a non-zero exit code instead of a stack trace.
 */
abstract class IflSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The command's work; returns its exit code. */
    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (CommandFailure failure) {
            err().println(spec.qualifiedName() + ": " + failure.getMessage());
            err().flush();
            return ExitCode.SOFTWARE;
        }
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Progress lines of a long job: each printed on stderr at once. */
    protected Consumer<String> progress() {
        return line -> {
            err().println(line);
            err().flush();
        };
    }

    /** Settings built from the options; their {@link IllegalArgumentException} is a usage error naming the problem. */
    protected <T> T fromOptions(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** A job that reads or writes: it returns its result or throws. */
    @FunctionalInterface
    protected interface Job<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * Runs a benchmark or other job; its {@link IllegalStateException} or {@link IOException} fails the command in
     * one line, an interruption goes on up.
     */
    protected static <T> T runOrFail(Job<T> job) throws InterruptedException {
        try {
            return job.run();
        } catch (IllegalStateException | IOException e) {
            throw new CommandFailure(CauseChain.describe(e), e);
        }
    }
}
