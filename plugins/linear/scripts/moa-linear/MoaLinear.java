import java.io.*;
import java.util.*;
import java.util.zip.GZIPInputStream;
import com.yahoo.labs.samoa.instances.*;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.functions.Perceptron;
import moa.classifiers.functions.SGDMultiClass;
import moa.core.Utils;

/**
 * Runs MOA's functions.Perceptron (defaults) and functions.SGDMultiClass with log
 * loss (-o LOGLOSS, other defaults) test-then-train on a CSV.gz stream whose
 * features are all numeric and whose last column is the class, and prints as
 * JSON each learner's accuracy and its normalised vote for the first class
 * every 100 instances. Classes are indexed in order of first appearance.
 * Usage: MoaLinear FILE
 */
public class MoaLinear {
  public static void main(String[] args) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(new FileInputStream(args[0]))));
    String[] header = reader.readLine().split(",");
    List<String[]> rows = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (String line; (line = reader.readLine()) != null;) {
      String[] f = line.split(",");
      if (!classes.contains(f[f.length - 1])) classes.add(f[f.length - 1]);
      rows.add(f);
    }
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < header.length - 1; j++) attributes.add(new Attribute(header[j]));
    attributes.add(new Attribute(header[header.length - 1], classes));
    Instances dataset = new Instances("stream", attributes, 0);
    dataset.setClassIndex(attributes.size() - 1);
    StringBuilder out = new StringBuilder("{\"every\": 100, \"classes\": [\"" + String.join("\", \"", classes) + "\"], \"learners\": {");
    String[] names = {"perceptron", "sgd-log"};
    for (int l = 0; l < names.length; l++) {
      AbstractClassifier learner;
      if (l == 0) learner = new Perceptron();
      else {
        SGDMultiClass sgd = new SGDMultiClass();
        sgd.lossFunctionOption.setChosenIndex(1);
        learner = sgd;
      }
      learner.prepareForUse();
      learner.setModelContext(new InstancesHeader(dataset));
      int correct = 0;
      StringBuilder sampled = new StringBuilder();
      for (int i = 0; i < rows.size(); i++) {
        String[] f = rows.get(i);
        double[] values = new double[attributes.size()];
        for (int j = 0; j < f.length - 1; j++) values[j] = Double.parseDouble(f[j]);
        values[f.length - 1] = classes.indexOf(f[f.length - 1]);
        Instance inst = new DenseInstance(1.0, values);
        inst.setDataset(dataset);
        double[] votes = learner.getVotesForInstance(inst);
        double sum = 0;
        for (double v : votes) sum += v;
        if (Utils.maxIndex(votes) == (int) inst.classValue()) correct++;
        if (i % 100 == 0) sampled.append(sampled.length() > 0 ? ", " : "").append(sum > 0 && votes.length > 0 ? votes[0] / sum : 0.0);
        learner.trainOnInstance(inst);
      }
      out.append(l > 0 ? ", " : "").append("\"" + names[l] + "\": {\"accuracy\": " + ((double) correct / rows.size()) + ", \"first\": [" + sampled + "]}");
    }
    System.out.println(out.append("}}"));
  }
}
