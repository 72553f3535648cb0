import java.io.*;
import java.util.*;
import java.util.zip.GZIPInputStream;
import com.yahoo.labs.samoa.instances.*;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.lazy.kNN;
import moa.classifiers.lazy.kNNwithPAWandADWIN;
import moa.core.Utils;

/**
 * Runs MOA's lazy.kNN (defaults: k 10, window 1000, LinearNN) or
 * lazy.kNNwithPAWandADWIN (defaults, random seed 1) test-then-train on
 * electricity.csv.gz and prints its accuracy and every prediction (class index
 * in order of first appearance) as JSON. Usage: MoaKnnElectricity FILE MAX knn|paw-adwin
 */
public class MoaKnnElectricity {
  public static void main(String[] args) throws Exception {
    String path = args[0];
    int max = Integer.parseInt(args[1]);
    BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(new FileInputStream(path))));
    String[] header = reader.readLine().split(",");
    // electricity: day (index 1) nominal 1..7, class last nominal
    List<String> days = Arrays.asList("1","2","3","4","5","6","7");
    List<String> classes = new ArrayList<>();
    ArrayList<Attribute> attributes = new ArrayList<>();
    for (int j = 0; j < header.length - 1; j++) attributes.add(j == 1 ? new Attribute(header[j], days) : new Attribute(header[j]));
    List<String[]> rows = new ArrayList<>();
    for (String line; (line = reader.readLine()) != null && rows.size() < max;) {
      String[] f = line.split(",");
      if (!classes.contains(f[f.length - 1])) classes.add(f[f.length - 1]);
      rows.add(f);
    }
    attributes.add(new Attribute("class", classes));
    Instances dataset = new Instances("elec", attributes, 0);
    dataset.setClassIndex(attributes.size() - 1);
    kNN knn = args.length > 2 && args[2].equals("paw-adwin") ? new kNNwithPAWandADWIN() : new kNN();
    knn.prepareForUse();
    knn.setModelContext(new InstancesHeader(dataset));
    int correct = 0;
    StringBuilder predictions = new StringBuilder();
    for (String[] f : rows) {
      double[] values = new double[attributes.size()];
      for (int j = 0; j < f.length - 1; j++) values[j] = j == 1 ? days.indexOf(f[j]) : Double.parseDouble(f[j]);
      values[f.length - 1] = classes.indexOf(f[f.length - 1]);
      Instance inst = new DenseInstance(1.0, values);
      inst.setDataset(dataset);
      double[] votes = knn.getVotesForInstance(inst);
      int predicted = Utils.maxIndex(votes);
      if (predicted == (int) inst.classValue()) correct++;
      predictions.append(predicted);
      knn.trainOnInstance(inst);
    }
    System.out.println("{\"accuracy\": " + ((double) correct / rows.size()) + ", \"instances\": " + rows.size() + ", \"classes\": [\"" + String.join("\", \"", classes) + "\"], \"predictions\": \"" + predictions + "\"}");
  }
}
