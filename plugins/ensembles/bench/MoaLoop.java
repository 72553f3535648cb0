import com.github.javacliparser.ClassOption;
import moa.classifiers.Classifier;
import moa.streams.ArffFileStream;
import moa.streams.InstanceStream;
import com.yahoo.labs.samoa.instances.Instance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;

/**
 * MOA's own test-then-train loop over instances held in memory, timed in thread CPU time
 * (best of `repeat` runs, JIT warm after the first). Used by throughput.ts --moa.
 *
 * usage: java -cp "<moa jars>:<dir>" MoaLoop "<learner cli>" "<stream cli>" <instances> <repeat>
 */
public class MoaLoop {
  public static void main(String[] a) throws Exception {
    String learner = a[0];
    String streamCli = a[1];
    int n = Integer.parseInt(a[2]);
    int repeat = Integer.parseInt(a[3]);
    InstanceStream s = (InstanceStream) ClassOption.cliStringToObject(streamCli, InstanceStream.class, null);
    ((moa.options.OptionHandler) s).prepareForUse();
    ArrayList<Instance> data = new ArrayList<>();
    while (s.hasMoreInstances() && data.size() < n) data.add(s.nextInstance().getData());
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    double acc = 0;
    for (int r = 0; r < repeat; r++) {
      Classifier c = (Classifier) ClassOption.cliStringToObject(learner, Classifier.class, null);
      c.prepareForUse();
      c.setModelContext(s.getHeader());
      c.resetLearning();
      long t0 = bean.getCurrentThreadCpuTime();
      int correct = 0;
      for (Instance inst : data) {
        if (moa.core.Utils.maxIndex(c.getVotesForInstance(inst)) == (int) inst.classValue()) correct++;
        c.trainOnInstance(inst);
      }
      double sec = (bean.getCurrentThreadCpuTime() - t0) / 1e9;
      best = Math.min(best, sec);
      acc = 100.0 * correct / data.size();
    }
    System.out.printf("%s\t%d inst/s (thread CPU)\t%.3f s\t%.2f %%%n", learner, Math.round(data.size() / best), best, acc);
  }
}
