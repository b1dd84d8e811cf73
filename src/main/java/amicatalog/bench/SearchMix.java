package amicatalog.bench;

import amicatalog.db.Database;
import java.util.ArrayList;
import java.util.List;

/** The fixed mix of search pages the benchmark times. */
public final class SearchMix {
  private SearchMix() {}

  /** At least 50 searches people make: words, prefixes, facets alone and combined, ids, sorts, deep pages. */
  public static List<String> of(Database database) {
    List<String> mix = new ArrayList<>(List.of("/", "/?sort=name", "/?sort=oldest", "/?sort=region&page=40"));
    for (String word : List.of("ecs", "amzn2", "al2023", "fedora", "coreos", "ubuntu", "noble", "windows", "server",
        "debian", "arm64", "kernel", "hvm", "gp3", "2025", "marketplace", "team", "base", "rocky", "nvidia")) {
      mix.add("/?q=" + word);
    }
    for (String prefix : List.of("a", "am", "ub", "win", "fed", "de", "k", "al")) mix.add("/?q=" + prefix);
    mix.addAll(List.of("/?arch=arm64", "/?region=eu-west-1", "/?category=private", "/?owner=amazon", "/?year=2024",
        "/?deprecated=yes", "/?arch=arm64&region=us-east-1", "/?category=public&arch=x86_64&year=2025",
        "/?region=eu-west-1&region=eu-central-1&arch=arm64", "/?platform=Windows&region=us-west-2",
        "/?q=ecs&arch=arm64", "/?q=ubuntu&region=eu-west-1&sort=newest", "/?q=amzn2+ecs&arch=x86_64&year=2024",
        "/?q=fedora&arch=arm64&sort=name", "/?q=windows+server&region=ap-southeast-1",
        "/?page=100", "/?arch=x86_64&page=2000", "/?q=ecs&page=50", "/?q=al&sort=name&page=300",
        "/?category=public&sort=oldest&page=1000",
        "/?newest=1", "/?q=ecs&newest=1", "/?owner=amazon&arch=arm64&newest=1"));  // newest of each family
    database.read(h -> h.createQuery("SELECT image_id, owner_id FROM images ORDER BY id LIMIT 3 OFFSET 1000")
        .map((rs, ctx) -> mix.addAll(List.of("/?q=" + rs.getString(1), "/?q=" + rs.getString(2)))).list());
    return mix;
  }
}
