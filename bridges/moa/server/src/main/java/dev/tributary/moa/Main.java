package dev.tributary.moa;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point: `java -javaagent:sizeofag.jar -cp ... dev.tributary.moa.Main --schemas DIR [--parent-pid PID]`.
 * Prints the ready line on stdout, then everything else (MOA's chatter included) goes to stderr.
 * Exits by itself when its parent dies or its stdin closes, so no server outlives its client.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path schemas = null;
        long parentPid = -1;
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--schemas":
                    schemas = Paths.get(args[++i]);
                    break;
                case "--parent-pid":
                    parentPid = Long.parseLong(args[++i]);
                    break;
                case "--no-stdin-watch":
                    watchStdin = false;
                    break;
                default:
                    System.err.println("tributary-moa-server: unknown argument " + args[i]
                            + " (usage: --schemas DIR [--parent-pid PID] [--no-stdin-watch])");
                    System.exit(2);
            }
        }
        if (schemas == null) schemas = defaultSchemaDir();
        if (!Files.isDirectory(schemas)) {
            System.err.println("tributary-moa-server: schema folder " + schemas + " not found (pass --schemas bridges/protocol/schemas)");
            System.exit(2);
        }
        PrintStream stdout = System.out;
        System.setOut(System.err);
        SchemaValidator validator = new SchemaValidator(schemas, JsonMapper.builder().build());
        if (parentPid > 0) watchParent(parentPid);
        if (watchStdin) watchStdin();
        new Server(validator, "1".equals(System.getenv("TRIBUTARY_BRIDGE_FAULTS"))).run(stdout);
        System.exit(0);
    }

    /** bridges/protocol/schemas, found from this jar at bridges/moa/server/target/. */
    private static Path defaultSchemaDir() throws Exception {
        Path jar = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent().getParent().resolve("protocol").resolve("schemas");
    }

    private static void watchParent(long parentPid) {
        Thread watcher = new Thread(() -> {
            while (true) {
                Optional<ProcessHandle> parent = ProcessHandle.current().parent();
                boolean alive = parent.isPresent() && parent.get().pid() == parentPid && parent.get().isAlive();
                if (!alive) {
                    System.err.println("tributary-moa-server: parent process " + parentPid + " is gone, exiting");
                    Runtime.getRuntime().halt(0);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] sink = new byte[256];
                while (in.read(sink) >= 0) {
                    // the client sends nothing on stdin; only its end matters
                }
            } catch (Exception ignored) {
                // a broken stdin means the parent is gone as well
            }
            System.err.println("tributary-moa-server: stdin closed, exiting");
            Runtime.getRuntime().halt(0);
        }, "stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
