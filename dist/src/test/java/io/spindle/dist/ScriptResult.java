package io.spindle.dist;

/**
 * What a script run printed and how it ended.
 *
 * @param exitCode the script's exit status
 * @param stdout its standard output
 * @param stderr its standard error
 */
public record ScriptResult(int exitCode, String stdout, String stderr) {

    /** Both streams, for assertion messages. */
    public String describe() {
        return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
    }
}
