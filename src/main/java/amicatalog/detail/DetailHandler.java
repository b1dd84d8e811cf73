package amicatalog.detail;

import amicatalog.app.App;
import amicatalog.web.Chrome;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.regex.Pattern;

/** One image: its page and its JSON twin. */
public final class DetailHandler {
  private static final Pattern REGION = amicatalog.aws.AwsNames.REGION;
  private static final Pattern IMAGE_ID = amicatalog.aws.AwsNames.IMAGE_ID;

  private DetailHandler() {}

  public static void page(Context ctx) {
    ImageDetail detail = find(ctx);
    String title = (detail.image().name() != null ? detail.image().name() : detail.image().imageId()) + " · AMI Catalog";
    ctx.render("detail/detail.jte", Map.of("page", DetailPage.of(Chrome.of(ctx, title, "search"), detail)));
  }

  public static void json(Context ctx) {
    ImageDetail d = find(ctx);
    ctx.json(Map.of("region", d.region(), "image", d.image(), "category", d.meta().category(),
        "firstSeen", d.meta().firstSeen(), "lastChanged", d.meta().lastChanged(),
        "removedAt", d.meta().removedAt() == null ? "" : d.meta().removedAt(),
        "copies", d.copies(), "history", d.history()));
  }

  private static ImageDetail find(Context ctx) {
    String region = ctx.pathParam("region");
    String imageId = ctx.pathParam("imageId");
    if (!REGION.matcher(region).matches()) throw new BadRequestResponse("'" + cut(region) + "' is not a region name like eu-west-1.");
    if (!IMAGE_ID.matcher(imageId).matches()) throw new BadRequestResponse("'" + cut(imageId) + "' is not an AMI id like ami-0abc1234.");
    return ImageDetail.find(ctx.appData(App.CONTEXT).db(), region, imageId).orElseThrow(() ->
        new NotFoundResponse("The catalog has no image " + imageId + " in " + region + ". Search for it, or run a sync."));
  }

  private static String cut(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
