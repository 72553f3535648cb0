import java.util.ArrayList;
import java.util.List;
import moa.classifiers.Classifier;
import moa.options.ClassOption;
import moa.streams.ArffFileStream;
import com.yahoo.labs.samoa.instances.Instance;

/**
 * MOA's own test-then-train speed on an ARFF file, measured like bench/throughput.ts:
 * instances loaded into memory first, one warm-up run, then the best of N timed runs
 * (wall time, and CPU time of the whole JVM process, as Node's process.cpuUsage() counts).
 *
 *   java -cp "<moa lib>/*:<classes>" Speed file.arff "trees.HoeffdingTree" [repeats]
 */
public class Speed {
  public static void main(String[] args) throws Exception {
    ArffFileStream stream = new ArffFileStream(args[0], -1);
    stream.prepareForUse();
    List<Instance> instances = new ArrayList<>();
    while (stream.hasMoreInstances()) instances.add(stream.nextInstance().getData());
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    // Process CPU (all JVM threads: JIT, GC), comparable with Node's process.cpuUsage().
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    double accuracy = 0;
    for (int r = 0; r <= repeats; r++) {
      Classifier learner = (Classifier) ClassOption.cliStringToObject(args[1], Classifier.class, null);
      learner.setModelContext(stream.getHeader());
      learner.prepareForUse();
      int correct = 0;
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      for (Instance inst : instances) {
        if (moa.core.Utils.maxIndex(learner.getVotesForInstance(inst)) == (int) inst.classValue()) correct++;
        learner.trainOnInstance(inst);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      accuracy = (double) correct / instances.size();
      if (r > 0) { // run 0 warms the JIT up
        best = Math.min(best, seconds);
        bestCpu = Math.min(bestCpu, cpuSeconds);
      }
    }
    System.out.printf("%s n=%d acc=%.4f sec=%.3f ips=%.0f ips_cpu=%.0f%n", args[1], instances.size(), accuracy, best, instances.size() / best, instances.size() / bestCpu);
  }
}
