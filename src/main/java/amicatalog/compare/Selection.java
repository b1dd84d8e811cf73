package amicatalog.compare;

import amicatalog.common.Text;
import amicatalog.compare.CompareQueries.Compared;
import amicatalog.db.Database;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The images a compare URL asks for: the ones found, in the order asked and at most {@link #MAX},
 * and in plain words what was wrong with the rest (so a bad id is a line on the page, not an error).
 */
record Selection(List<Compared> images, List<String> problems, String notice) {
  static final int MIN = 2;
  static final int MAX = 6;
  /** More ids than anyone compares: the rest is not even looked up. */
  private static final int READ_AT_MOST = 50;

  static Selection resolve(Database db, List<String> params) {
    List<String> problems = new ArrayList<>();
    Set<ImageKey> keys = new LinkedHashSet<>();
    List<String> texts = new ArrayList<>();
    for (String param : params) {
      // Several ids pasted into one field are split; a phrase that holds no id stays one problem.
      List<String> words = List.of(param.trim().split("[\\s,]+"));
      if (words.size() > 1 && words.stream().noneMatch(Selection::idShaped)) texts.add(param.trim());
      else words.stream().filter(w -> !w.isEmpty()).forEach(texts::add);
    }
    if (texts.size() > READ_AT_MOST) {
      problems.add("Only the first " + READ_AT_MOST + " of " + texts.size() + " ids were read.");
      texts = texts.subList(0, READ_AT_MOST);
    }
    for (String text : texts) {
      ImageKey key = ImageKey.parse(text);
      if (key == null && ImageKey.IMAGE_ID.matcher(text).matches()) key = bareId(db, text, problems);
      else if (key == null) problems.add("“" + Text.cut(text, 60) + "” is not an image id like eu-west-1/ami-0abc1234 (or just ami-0abc1234).");
      if (key != null) keys.add(key);
    }
    List<Compared> found = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (ImageKey key : keys) {
      Optional<Compared> image = CompareQueries.find(db, key);
      if (image.isEmpty()) problems.add("The catalog has no image " + key.imageId() + " in " + key.region() + ".");
      else if (found.size() < MAX) found.add(image.get());
      else leftOut.add(key.param());
    }
    String notice = switch (found.size()) {
      case 0 -> "Pick two to six images to compare: check them in the search results, or add their ids below.";
      case 1 -> "Add at least one more image to compare this one with.";
      default -> leftOut.isEmpty() ? null
          : "At most " + MAX + " images can be compared side by side; left out: " + String.join(", ", leftOut) + ".";
    };
    return new Selection(found, problems, notice);
  }

  /** A bare ami-… resolves when exactly one region holds it. */
  private static ImageKey bareId(Database db, String imageId, List<String> problems) {
    List<String> regions = CompareQueries.regionsOf(db, imageId);
    if (regions.size() == 1) return new ImageKey(regions.get(0), imageId);
    if (regions.isEmpty()) problems.add("The catalog has no image " + imageId + " in any region.");
    else problems.add(imageId + " is in several regions (" + String.join(", ", regions)
        + "): add it as region/" + imageId + ".");
    return null;
  }

  private static boolean idShaped(String text) {
    return ImageKey.parse(text) != null || ImageKey.IMAGE_ID.matcher(text).matches();
  }

}
