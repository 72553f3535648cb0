import moa.classifiers.Classifier;
import moa.options.ClassOption;
import moa.streams.ArffFileStream;
import com.yahoo.labs.samoa.instances.Instance;
import java.io.*;

public class Parity {
  public static void main(String[] args) throws Exception {
    String file = args[0];
    String learnerCli = args[1];
    int max = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    ArffFileStream stream = new ArffFileStream(file, -1);
    stream.prepareForUse();
    Classifier learner = (Classifier) ClassOption.cliStringToObject(learnerCli, Classifier.class, null);
    learner.setModelContext(stream.getHeader());
    learner.prepareForUse();
    PrintWriter out = new PrintWriter(new BufferedWriter(new FileWriter(args.length > 3 ? args[3] : "preds.txt")));
    int n = 0, correct = 0;
    long start = System.nanoTime();
    while (stream.hasMoreInstances() && n < max) {
      Instance inst = stream.nextInstance().getData();
      double[] votes = learner.getVotesForInstance(inst);
      int pred = moa.core.Utils.maxIndex(votes);
      if (pred == (int) inst.classValue()) correct++;
      out.println(pred);
      learner.trainOnInstance(inst);
      n++;
    }
    long ns = System.nanoTime() - start;
    out.close();
    for (moa.core.Measurement m : learner.getModelMeasurements()) System.err.println("  " + m.getName() + " = " + m.getValue());
    System.out.println(learnerCli + " n=" + n + " acc=" + ((double) correct / n) + " sec=" + ns / 1e9 + " ips=" + (n / (ns / 1e9)));
  }
}
