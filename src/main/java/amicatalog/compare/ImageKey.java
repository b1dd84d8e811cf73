package amicatalog.compare;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** One image named the way compare URLs name it: {@code region/imageId}. */
record ImageKey(String region, String imageId) {
  private static final Pattern REGION = amicatalog.aws.AwsNames.REGION;
  static final Pattern IMAGE_ID = amicatalog.aws.AwsNames.IMAGE_ID;

  /** "eu-west-1/ami-0abc" as a key, or null when the text is not shaped like one. */
  static ImageKey parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) return null;
    String region = text.substring(0, slash);
    String imageId = text.substring(slash + 1);
    return REGION.matcher(region).matches() && IMAGE_ID.matcher(imageId).matches() ? new ImageKey(region, imageId) : null;
  }

  String param() {
    return region + "/" + imageId;
  }

  String detailUrl() {
    return "/images/" + enc(region) + "/" + enc(imageId);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
