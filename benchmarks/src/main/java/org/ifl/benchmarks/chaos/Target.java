package org.ifl.benchmarks.chaos;

/** What the chaos run kills: the platform ({@code ifl up}: broker, controller and registry) and the two stages. */
public enum Target {
    UP("up"),
    LID("lid"),
    STATS("stats");

    private final String command;

    Target(String command) {
        this.command = command;
    }

    /** The {@code ifl} subcommand that runs it, also its name in the report and its logs. */
    public String command() {
        return command;
    }
}
