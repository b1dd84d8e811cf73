package amicatalog.audit;

import amicatalog.catalog.Links;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URLs of the audit's pages and of the pages it links to, built in one place. */
final class AuditLinks {
  private AuditLinks() {}

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String detail(String region, String imageId) {
    return Links.detail(region, imageId);
  }

  /** The copy form of an image, with target regions already ticked (none: every missing one). */
  static String copy(String region, String imageId, java.util.Collection<String> targets) {
    StringBuilder url = new StringBuilder(Links.detail(region, imageId)).append("/copy");
    char sep = '?';
    for (String t : targets) {
      url.append(sep).append("target=").append(enc(t));
      sep = '&';
    }
    return url.toString();
  }

  static String latest(String owner, String namePattern) {
    return "/latest?owner=" + enc(owner) + "&name=" + enc(namePattern);
  }

  static String apiLatest(String owner, String namePattern) {
    return "/api/latest?owner=" + enc(owner) + "&name=" + enc(namePattern);
  }

  static String familyFeed(String owner, String family) {
    return "/feeds/family.atom?owner=" + enc(owner) + "&family=" + enc(family);
  }

  /** The catalog search narrowed to an owner (its facet value) and optionally a region. */
  static String search(String owner, String region) {
    return "/?owner=" + enc(owner) + (region == null ? "" : "&region=" + enc(region));
  }

  static String audit(String owner) {
    return "/audit?owner=" + enc(owner);
  }

  static String progress(String batch) {
    return batch == null ? "/audit/copies" : "/audit/copies?batch=" + enc(batch);
  }

  static String instances(String region) {
    return "/audit/instances?region=" + enc(region);
  }

  static String createImage(String region, String instanceId) {
    return "/audit/instances/" + enc(region) + "/" + enc(instanceId) + "/image";
  }
}
