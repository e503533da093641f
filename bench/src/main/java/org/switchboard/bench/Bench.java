package org.switchboard.bench;

import java.util.Arrays;

/** Entry point: {@code java -jar bench/target/switchboard-bench.jar <harness> [--option value …]}. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar bench/target/switchboard-bench.jar pipeline [--opportunities 1000000] [--requests 300]"
                    + " [--pg-url jdbc:postgresql://127.0.0.1:5432/test] [--pg-user postgres] [--jar server/target/switchboard.jar]");
            System.exit(2);
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "pipeline" -> new PipelineBench(options).run();
            case "dav" -> new DavBench(options).run();
            case "mail" -> new MailBench(options).run();
            case "calls" -> new CallCentreBench(options).run();
            case "carddav" -> new CardDavBench(options).run();
            default -> {
                System.err.println("unknown harness " + args[0]);
                System.exit(2);
            }
        }
    }
}
