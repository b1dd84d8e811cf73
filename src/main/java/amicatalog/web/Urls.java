package amicatalog.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URLs of our own pages and of the AWS console's, built in one place (every parameter encoded). */
public final class Urls {
  private Urls() {}

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public static String detail(String region, String imageId) {
    return "/images/" + enc(region) + "/" + enc(imageId);
  }

  /** The same page by the image id alone, redirected to {@link #detail}: shorter, for pages that link thousands. */
  public static String detail(String imageId) {
    return "/images/" + enc(imageId);
  }

  public static String console(String region, String imageId) {
    return "https://" + enc(region) + ".console.aws.amazon.com/ec2/home?region=" + enc(region)
        + "#ImageDetails:imageId=" + enc(imageId);
  }

  public static String marketplace(String productCode) {
    return "https://aws.amazon.com/marketplace/search/results?searchTerms=" + enc(productCode);
  }

  /** The copy form of an image, with target regions already ticked (none: every missing one). */
  public static String copy(String region, String imageId, java.util.Collection<String> targets) {
    StringBuilder url = new StringBuilder(detail(region, imageId)).append("/copy");
    char sep = '?';
    for (String t : targets) {
      url.append(sep).append("target=").append(enc(t));
      sep = '&';
    }
    return url.toString();
  }

  public static String latest(String owner, String namePattern) {
    return "/latest?owner=" + enc(owner) + "&name=" + enc(namePattern);
  }

  static String apiLatest(String owner, String namePattern) {
    return "/api/latest?owner=" + enc(owner) + "&name=" + enc(namePattern);
  }

  /** A path segment: encoded as a query value is, but a space as %20 (a + in a path is a plus). */
  public static String segment(String s) {
    return enc(s).replace("+", "%20");
  }

  /** The page of one owner's family (issue 12): its versions, regions and timeline. */
  public static String family(String owner, String family) {
    return "/families/" + segment(owner) + "/" + segment(family);
  }

  /** The family page's JSON twin. */
  public static String familyJson(String owner, String family) {
    return "/api/family?owner=" + enc(owner) + "&family=" + enc(family);
  }

  /** The family page's CSV twin: one line per version and region. */
  public static String familyCsv(String owner, String family) {
    return "/api/family.csv?owner=" + enc(owner) + "&family=" + enc(family);
  }

  /** The Atom feed of a family, for feed readers (and {@code <link rel="alternate">}). */
  public static String familyFeed(String owner, String family) {
    return "/feeds/family.atom?owner=" + enc(owner) + "&family=" + enc(family);
  }

  /** The page of a family's feed, for people: what it follows and how to subscribe. */
  public static String familyFeedPage(String owner, String family) {
    return "/feeds/family?owner=" + enc(owner) + "&family=" + enc(family);
  }

  /** The catalog search narrowed to an owner (its facet value) and optionally a region. */
  public static String search(String owner, String region) {
    return "/?owner=" + enc(owner) + (region == null ? "" : "&region=" + enc(region));
  }

  public static String audit(String owner) {
    return "/audit?owner=" + enc(owner);
  }

  public static String progress(String batch) {
    return batch == null ? "/audit/copies" : "/audit/copies?batch=" + enc(batch);
  }

  public static String instances(String region) {
    return "/audit/instances?region=" + enc(region);
  }

  public static String createImage(String region, String instanceId) {
    return "/audit/instances/" + enc(region) + "/" + enc(instanceId) + "/image";
  }
}
