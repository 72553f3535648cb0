package dev.tributary.moa;

import com.yahoo.labs.samoa.instances.Instance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import moa.classifiers.Classifier;

/** One learner of one client, with the header of its stream. */
final class MoaSession {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** One row in this many is timed to split a batch's CPU time between predict and learn. */
    static final int TIMING_STRIDE = 32;

    final String name;
    final Classifier learner;
    private StreamHeader stream;

    /** Seconds of thread CPU spent predicting and learning in the last call. */
    double predictCpuSeconds;
    double learnCpuSeconds;

    MoaSession(String name, Classifier learner, StreamHeader stream) {
        this.name = name;
        this.learner = learner;
        this.stream = stream;
        learner.setModelContext(stream.header);
    }

    StreamHeader stream() {
        return stream;
    }

    /** Adopts a schema that gained classes or nominal values; MOA learners accept a wider context. */
    void updateSchema(StreamHeader grown) {
        stream.requireGrowthTo(grown);
        try {
            learner.setModelContext(grown.header);
        } catch (RuntimeException e) {
            throw new BridgeException("LIBRARY_ERROR", name + " refused the grown schema: " + BridgeException.rootMessage(e), e);
        }
        stream = grown;
    }

    /**
     * For each row in order: predict into `proba` (row-major n×k, zeroed), then learn the row.
     * Every row is checked before any is learned, so a bad row fails the whole batch; each
     * instance is built from the frame just before MOA sees it.
     *
     * Thread CPU time is read once per batch (a costly call, about a microsecond) and split
     * between predict and learn in proportion to their System.nanoTime durations, as the native
     * session does, sampled on one row in {@link #TIMING_STRIDE} as the Python server does: a
     * clock read costs about 50 ns on a virtual machine, a large share of a fast learner's row.
     */
    void prequential(DoubleBuffer x, IntBuffer y, DoubleBuffer w, int n, int d, int k, DoubleBuffer proba) {
        checkRows(x, y, n, d);
        long predictWall = 0;
        long learnWall = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            Instance instance = stream.instance(x, i, d, y.get(i), w == null ? 1.0 : w.get(i));
            double[] votes;
            if (i % TIMING_STRIDE == 0) {
                long t0 = System.nanoTime();
                votes = votes(instance, i);
                long t1 = System.nanoTime();
                train(instance, i);
                long t2 = System.nanoTime();
                predictWall += t1 - t0;
                learnWall += t2 - t1;
            } else {
                votes = votes(instance, i);
                train(instance, i);
            }
            Probabilities.write(votes, proba, i * k, k);
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        double measured = predictWall + learnWall;
        double predictShare = measured > 0 ? predictWall / measured : 0.5;
        predictCpuSeconds = cpu * predictShare * 1e-9;
        learnCpuSeconds = cpu * (1 - predictShare) * 1e-9;
    }

    /** Trains on every row in order (all rows are checked first). */
    void learn(DoubleBuffer x, IntBuffer y, DoubleBuffer w, int n, int d) {
        checkRows(x, y, n, d);
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) train(stream.instance(x, i, d, y.get(i), w == null ? 1.0 : w.get(i)), i);
        learnCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
    }

    /** Predicts every row into `proba` (row-major n×k, zeroed) without learning. */
    void predict(DoubleBuffer x, int n, int d, int k, DoubleBuffer proba) {
        checkRows(x, null, n, d);
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) Probabilities.write(votes(stream.instance(x, i, d, -1, 1.0), i), proba, i * k, k);
        predictCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
    }

    private void checkRows(DoubleBuffer x, IntBuffer y, int n, int d) {
        checkWidth(d);
        for (int i = 0; i < n; i++) stream.checkRow(x, i, d, y == null ? -1 : y.get(i));
    }

    private void checkWidth(int d) {
        if (d != stream.numFeatures) {
            throw new BridgeException("INVALID_DATA", "batch has d=" + d + " features per row, the session's schema has " + stream.numFeatures);
        }
    }

    private double[] votes(Instance instance, int row) {
        try {
            return learner.getVotesForInstance(instance);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BridgeException("LIBRARY_ERROR", name + ".getVotesForInstance failed on row " + row + " of the batch: " + BridgeException.rootMessage(e), e);
        }
    }

    private void train(Instance instance, int row) {
        try {
            learner.trainOnInstance(instance);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BridgeException("LIBRARY_ERROR", name + ".trainOnInstance failed on row " + row + " of the batch: " + BridgeException.rootMessage(e), e);
        }
    }
}
