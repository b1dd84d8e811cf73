package amicatalog.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URLs to our own pages and to the AWS console, built in one place. */
public final class Links {
  private Links() {}

  public static String detail(String region, String imageId) {
    return "/images/" + enc(region) + "/" + enc(imageId);
  }

  public static String console(String region, String imageId) {
    return "https://" + enc(region) + ".console.aws.amazon.com/ec2/home?region=" + enc(region)
        + "#ImageDetails:imageId=" + enc(imageId);
  }

  public static String marketplace(String productCode) {
    return "https://aws.amazon.com/marketplace/search/results?searchTerms=" + enc(productCode);
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
