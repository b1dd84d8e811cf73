package amicatalog.testing;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * Deque's axe-core run on the page a browser shows, for the WCAG 2.1 A and AA rules. The jar
 * brings its own axe script and injects it through WebDriver's executeScript, which the page's
 * CSP does not govern, so the app's CSP stays as strict as it is.
 */
public final class Axe {
  /** WCAG 2.0 and 2.1, levels A and AA: what the catalog promises. */
  public static final List<String> WCAG21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
  /** The impacts that fail a test; moderate and minor ones are reported by {@link #analyze} too. */
  public static final Set<String> FAILING = Set.of("critical", "serious");

  private Axe() {}

  /** One violated rule on one page: its id, impact, what it asks, and where (CSS selectors and markup). */
  public record Violation(String rule, String impact, String help, List<String> nodes) {
    @Override
    public String toString() {
      return rule + " (" + impact + "): " + help + "\n      " + String.join("\n      ", nodes);
    }
  }

  /** Every WCAG 2.1 A/AA violation on the page shown now; fails when axe itself could not run. */
  public static List<Violation> analyze(WebDriver driver) {
    // No page of the catalog has frames: looking for them in every page cost more than the rules.
    Results results = new AxeBuilder().withTags(WCAG21_AA).disableIframeTesting().analyze(driver);
    if (results.isErrored()) throw new IllegalStateException("axe could not run: " + results.getErrorMessage());
    if (results.getPasses() == null || results.getPasses().isEmpty()) {
      // No rule passed at all: axe looked at nothing (an empty or unloaded page), which must not count as clean.
      throw new IllegalStateException("axe checked nothing on " + driver.getCurrentUrl());
    }
    List<Violation> found = new ArrayList<>();
    for (Rule rule : results.getViolations()) {
      List<String> nodes = rule.getNodes().stream().limit(5).map(Axe::describe).collect(Collectors.toList());
      if (rule.getNodes().size() > 5) nodes.add("… and " + (rule.getNodes().size() - 5) + " more");
      found.add(new Violation(rule.getId(), rule.getImpact(), rule.getHelp(), nodes));
    }
    return found;
  }

  /** The critical and serious violations on the page shown now. */
  public static List<Violation> failing(WebDriver driver) {
    return analyze(driver).stream().filter(v -> FAILING.contains(v.impact())).toList();
  }

  private static String describe(CheckedNode node) {
    String html = node.getHtml() == null ? "" : node.getHtml();
    if (html.length() > 160) html = html.substring(0, 160) + "…";
    String summary = node.getFailureSummary() == null ? "" : node.getFailureSummary().replace('\n', ' ');
    return node.getTarget() + " " + html + " — " + summary;
  }
}
