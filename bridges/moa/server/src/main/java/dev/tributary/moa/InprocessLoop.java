package dev.tributary.moa;

import com.yahoo.labs.samoa.instances.Instance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import moa.classifiers.Classifier;

/**
 * MOA's own test-then-train loop over instances already converted and in memory, with no
 * transport: the reference a bridged session's throughput is divided by.
 */
final class InprocessLoop {
    /** Wall seconds, thread CPU seconds and correct arg-max predictions of one run. */
    final double seconds;
    final double cpuSeconds;
    final int correct;

    private InprocessLoop(double seconds, double cpuSeconds, int correct) {
        this.seconds = seconds;
        this.cpuSeconds = cpuSeconds;
        this.correct = correct;
    }

    /** Converts every row first, then times predict (arg-max) then train for each instance in order. */
    static InprocessLoop run(Classifier learner, StreamHeader stream, DoubleBuffer x, IntBuffer y, int n, int d) {
        if (d != stream.numFeatures) {
            throw new BridgeException("INVALID_DATA", "batch has d=" + d + " features per row, the schema has " + stream.numFeatures);
        }
        learner.setModelContext(stream.header);
        Instance[] instances = new Instance[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = y.get(i);
            stream.checkRow(x, i, d, labels[i]);
            instances[i] = stream.instance(x, i, d, labels[i], 1.0);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int correct = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                Instance instance = instances[i];
                if (Probabilities.argMax(learner.getVotesForInstance(instance)) == labels[i]) correct++;
                learner.trainOnInstance(instance);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new BridgeException("LIBRARY_ERROR", "in-process loop failed: " + BridgeException.rootMessage(e), e);
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return new InprocessLoop(wall * 1e-9, cpu * 1e-9, correct);
    }
}
