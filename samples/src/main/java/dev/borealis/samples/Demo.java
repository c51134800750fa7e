package dev.borealis.samples;

import dev.borealis.samples.demo.DemoOptions;
import dev.borealis.samples.demo.DemoRun;
import dev.borealis.samples.demo.NameResolution;

import java.io.PrintStream;
import java.util.logging.Level;

/**
 * The README's demo: an Aurora-like cluster served on loopback, a vote-casting app on HikariCP and the Borealis
 * driver, the writer crashing halfway, a live timeline, an SVG chart, and the proof that no acknowledged vote was
 * lost. Exit code 0 only if none was; 2 for a bad flag. See {@link DemoOptions#USAGE} for the flags.
 */
public final class Demo {

    /** Held so the level set on it is not lost when the logger is garbage collected. */
    private static final java.util.logging.Logger BOREALIS_LOG = java.util.logging.Logger.getLogger("dev.borealis");

    private Demo() {
    }

    public static void main(String[] args) {
        NameResolution.useOwnHostsFileIfUnset();
        quietLogs(java.util.Arrays.asList(args).contains("--log")); // before anything resolves a name
        System.exit(run(args, System.out, System.err));
    }

    /**
     * The driver and the cluster log what they do through java.util.logging (INFO: each failover, promotion, …);
     * interleaved with the timeline that is noise unless asked for with {@code --log}.
     */
    private static void quietLogs(boolean verbose) {
        BOREALIS_LOG.setLevel(verbose ? Level.INFO : Level.SEVERE);
        System.setProperty("slf4j.internal.verbosity", "ERROR"); // HikariCP's "no SLF4J provider" notice
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            if (java.util.Arrays.asList(args).contains("--help")) {
                out.println(DemoOptions.USAGE);
                return 0;
            }
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("borealis-demo: " + e.getMessage());
            return 2;
        }
        try {
            return new DemoRun(options, out).run();
        } catch (Exception e) {
            err.println("borealis-demo: failed: " + e);
            return 1;
        }
    }
}
