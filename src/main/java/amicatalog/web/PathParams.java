package amicatalog.web;

import amicatalog.common.Text;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of the ids and names the audit's pages receive; a bad one is a 400 that says why. */
public final class PathParams {
  static final Pattern REGION = amicatalog.aws.AwsNames.REGION;
  private static final Pattern IMAGE_ID = amicatalog.aws.AwsNames.IMAGE_ID;
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

  private PathParams() {}

  public static String region(Context ctx) {
    return region(ctx.pathParam("region"));
  }

  public static String region(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new BadRequestResponse("'" + Text.cut(String.valueOf(region)) + "' is not a region name like eu-west-1.");
    }
    return region;
  }

  public static String imageId(Context ctx) {
    String id = ctx.pathParam("imageId");
    if (!IMAGE_ID.matcher(id).matches()) throw new BadRequestResponse("'" + Text.cut(id) + "' is not an AMI id like ami-0abc1234.");
    return id;
  }

  public static String instanceId(Context ctx) {
    String id = ctx.pathParam("instanceId");
    if (!INSTANCE_ID.matcher(id).matches()) {
      throw new BadRequestResponse("'" + Text.cut(id) + "' is not an instance id like i-0abc12345678.");
    }
    return id;
  }

  /** Region names chosen in a form or a link, each checked, in the order given, without repeats. */
  public static Set<String> regions(List<String> values) {
    if (values.size() > 64) throw new BadRequestResponse("Too many regions (64 at most).");
    Set<String> regions = new LinkedHashSet<>();
    for (String v : values) if (!v.isBlank()) regions.add(region(v.strip()));
    return regions;
  }
}
