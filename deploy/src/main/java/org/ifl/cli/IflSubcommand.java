package org.ifl.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
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
}
