package amicatalog.launch;

import amicatalog.common.Json;
import amicatalog.db.Database;
import amicatalog.image.ImageOwner;
import amicatalog.image.ImageRecord;
import amicatalog.image.StoredImage;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalog's record of the image to launch, and what to warn about before launching it. */
record LaunchImage(String region, ImageRecord image, String category, String removedAt, ImageOwner owner) {


  static Optional<LaunchImage> lookup(Database db, String region, String imageId,
      java.util.function.BiFunction<String, String, ImageOwner> owners) {
    return db.read(h -> StoredImage.find(h, region, imageId)).map(stored -> new LaunchImage(region, stored.image(),
        stored.meta().category(), stored.meta().removedAt(), owners.apply(stored.image().ownerId(), stored.image().ownerAlias())));
  }

  String imageId() {
    return image.imageId();
  }

  ImageHeading heading() {
    return new ImageHeading(image.name() != null ? image.name() : image.imageId(), image.imageId(), region, category,
        Urls.detail(region, image.imageId()), owner.label(), owner.trusted());
  }

  String launchUrl() {
    return Urls.detail(region, image.imageId()) + "/launch";
  }

  /** The Marketplace product codes: launching needs a subscription to each. */
  List<String> marketplaceCodes() {
    List<String> codes = new ArrayList<>();
    if (image.productCodes() == null) return codes;
    for (JsonNode p : Json.read(image.productCodes())) {
      if ("marketplace".equals(p.path("ProductCodeType").asText())) codes.add(p.path("ProductCodeId").asText());
    }
    return codes;
  }

  /** The image's root volume when it is EBS of a known size (only then can a launch resize it), else null. */
  RootVolume rootVolume() {
    if (!"ebs".equals(image.rootDeviceType()) || image.rootDeviceName() == null || image.blockDeviceMappings() == null) return null;
    for (JsonNode mapping : Json.read(image.blockDeviceMappings())) {
      JsonNode size = mapping.path("Ebs").path("VolumeSize");
      if (image.rootDeviceName().equals(mapping.path("DeviceName").asText()) && size.canConvertToInt() && size.asInt() > 0) {
        return new RootVolume(image.rootDeviceName(), size.asInt());
      }
    }
    return null;
  }

  /** What could make a launch fail or surprise, said before anything is started. */
  List<Notice> warnings() {
    List<Notice> warnings = new ArrayList<>();
    if (owner.warning() != null) warnings.add(Notice.of(owner.warning()));
    if (removedAt != null) {
      warnings.add(Notice.of("This image is gone: the catalog's sync of " + region + " stopped seeing it on "
          + removedAt.substring(0, Math.min(10, removedAt.length())) + ". It was deregistered or is no longer shared"
          + " with this account, so a launch will most likely fail."));
    }
    String deprecation = image.deprecationTime();
    if (deprecation != null && deprecation.compareTo(Instant.now().toString()) <= 0) {
      warnings.add(Notice.of("This image is deprecated since " + deprecation.substring(0, Math.min(10, deprecation.length()))
          + ": it still launches, but its publisher no longer recommends it. Look for a newer image of the same family."));
    }
    if (Boolean.FALSE.equals(image.imageAllowed())) {
      warnings.add(Notice.of("This image is not allowed in this account: EC2 said so (ImageAllowed false) when the catalog"
          + " last synced it. The account's Allowed AMIs settings have no criterion that matches it, so in enforcement"
          + " mode EC2 refuses the launch; in audit mode it only records it. An administrator can add a criterion in"
          + " the EC2 console (Settings → Allowed AMIs)."));
    }
    if (image.state() != null && !"available".equals(image.state())) {
      warnings.add(Notice.of("The image's state is " + image.state() + "; only available images launch."));
    }
    for (String code : marketplaceCodes()) {
      warnings.add(new Notice("This is an AWS Marketplace image (product " + code + "): the account must be subscribed"
          + " to the product before it can launch it, and the product's software charges are added to the instance's.",
          Urls.marketplace(code), "Find the product to subscribe ↗"));
    }
    return warnings;
  }

}
