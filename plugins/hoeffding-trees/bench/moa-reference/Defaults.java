import com.github.javacliparser.Option;
import moa.options.AbstractOptionHandler;

/** Prints each given MOA learner's options as JSON: {"class": {"letter": {"name": ..., "default": ...}}}. */
public class Defaults {
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < args.length; i++) {
      AbstractOptionHandler learner = (AbstractOptionHandler) Class.forName("moa.classifiers." + args[i]).getDeclaredConstructor().newInstance();
      out.append(i > 0 ? "," : "").append(quote(args[i])).append(":{");
      Option[] options = learner.getOptions().getOptionArray();
      for (int j = 0; j < options.length; j++) {
        Option o = options[j];
        out.append(j > 0 ? "," : "").append(quote(String.valueOf(o.getCLIChar()))).append(":{\"name\":").append(quote(o.getName())).append(",\"default\":").append(quote(o.getDefaultCLIString() == null ? "" : o.getDefaultCLIString())).append("}");
      }
      out.append("}");
    }
    System.out.println(out.append("}"));
  }
}
